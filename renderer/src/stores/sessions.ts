import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import {
  isDataEvent,
  type EventBatch,
  type SendReceipt,
  type SessionEvent,
  type SessionInfo,
} from '../../../electron/shared/model'
import { OwnErrorCode } from '../../../electron/shared/errors'
import type { Result } from '../../../electron/shared/result'
import type {
  OpenSessionRequest,
  SetAutoReplyRequest,
  SetFaultsRequest,
  SetFramingRequest,
} from '../../../electron/shared/schemas'
import type { InjectMessageRequest } from '../../../electron/shared/message-requests'
import { socketApi } from '../api/provider'
import { pageClock } from '../lib/timestamps'
import { isLogged, type LoggedEvent } from '../../../electron/shared/view/log-rows'
import { useAutoReconnectStore } from './auto-reconnect'
import { useFileSendStore } from './file-send'
import { useLogStore } from './log'
import { forgetSendStore } from './send'
import { useGeneratorStore } from './generator'
import { useTimelineStore } from './timeline'

/** Lifecycle steps kept per session: every session-level step, and the newest connection-level ones. */
const MAX_CONNECTION_STEPS = 20

export interface LifecycleSteps {
  session: LoggedEvent[]
  connection: LoggedEvent[]
  /** Connection-level steps no longer kept. */
  hidden: number
}

const isStep = (event: SessionEvent): event is LoggedEvent => isLogged(event) && !isDataEvent(event)

function applyEvent(info: SessionInfo, event: SessionEvent): void {
  switch (event.type) {
    case 'state':
      info.state = event.state
      break
    case 'connected':
      // A relay pair's upstream connection is not the session's own endpoint.
      if (event.connectionId !== undefined) break
      info.local = event.local
      info.remote = event.remote
      break
    case 'bind':
      info.local = event.local
      break
    case 'listen':
      info.local = event.local
      info.listening = true
      break
    case 'accept':
      if (event.connectionId !== undefined && !info.connections.some((c) => c.id === event.connectionId)) {
        info.connections.push({
          id: event.connectionId,
          remote: event.remote,
          local: event.local,
          since: event.time,
          state: 'open',
          stats: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, queuedBytes: 0, framesIn: 0 },
        })
      }
      break
    case 'end': {
      const connection = info.connections.find((c) => c.id === event.connectionId)
      if (connection) connection.state = 'half-closed'
      break
    }
    case 'close':
      if (event.scope === 'connection')
        info.connections = info.connections.filter((c) => c.id !== event.connectionId)
      if (event.scope === 'listener') info.listening = false
      break
    case 'error':
      info.error = event.error
      break
    case 'tls':
      info.tls = event.tls
      break
  }
}

/** Open sessions as the host reports them; batches update state, connections and exact counters. */
export const useSessionsStore = defineStore('sessions', () => {
  const byId = ref<Record<string, SessionInfo>>({})
  const order = ref<string[]>([])
  const selectedId = ref<string | undefined>()
  const steps = ref<Record<string, LifecycleSteps>>({})
  /** Sessions whose own connection got the peer's FIN (a TCP client's; a server's clients carry it per client). */
  const peerFinished = ref<Record<string, true>>({})
  /** Sessions this page opened: their whole history reaches it (others were running before it loaded). */
  const openedHere = new Set<string>()
  /** Sessions this window removed: late events for them must not bring them back. */
  const removed = new Set<string>()
  /** When each session's counters arrived (pageClock): batches are applied in groups, up to 100 ms later. */
  const countedAt = new Map<string, number>()
  let refreshing: Promise<void> | undefined
  let refreshAgain = false

  const sessions = computed(() => order.value.map((id) => byId.value[id]).filter((s) => s !== undefined))
  const selected = computed(() => (selectedId.value === undefined ? undefined : byId.value[selectedId.value]))

  function upsert(info: SessionInfo): void {
    byId.value[info.id] = info
    if (!order.value.includes(info.id)) order.value.push(info.id)
  }

  function select(id: string | undefined): void {
    selectedId.value = id
  }

  async function open(request: OpenSessionRequest): Promise<Result<SessionInfo>> {
    const result = await socketApi().openSession(request)
    const openedId = result.ok ? result.value.id : result.error.sessionId
    if (openedId !== undefined) openedHere.add(openedId)
    if (result.ok) {
      upsert(result.value)
      select(result.value.id)
    } else if (result.error.sessionId !== undefined) {
      // The engine keeps a failed session listed (state "error") so its log explains what happened.
      await refresh()
      if (byId.value[result.error.sessionId]) select(result.error.sessionId)
    }
    return result
  }

  async function close(id: string): Promise<Result<SessionInfo>> {
    const result = await socketApi().closeSession({ sessionId: id })
    if (result.ok) upsert(result.value)
    return result
  }

  /** TCP server: closes the listener, keeps the accepted clients. */
  async function stopListening(id: string): Promise<Result<SessionInfo>> {
    const result = await socketApi().stopListening({ sessionId: id })
    if (result.ok) upsert(result.value)
    return result
  }

  /** TCP server after "Stop accepting": listens on the same address again, its clients kept. */
  async function resumeListening(id: string): Promise<Result<SessionInfo>> {
    const result = await socketApi().resumeListening({ sessionId: id })
    if (result.ok) upsert(result.value)
    return result
  }

  /** Reconnect / Listen again / Bind again: a closed session opens in place; its log and counters go on. */
  async function reopen(id: string): Promise<Result<SessionInfo>> {
    useAutoReconnectStore().cancel(id)
    const result = await socketApi().reopenSession({ sessionId: id })
    if (result.ok) upsert(result.value)
    // A failed attempt leaves the session in 'error' with its cause: show that.
    else if (result.error.sessionId !== undefined) await refresh()
    return result
  }

  /** Removes every closed or failed session (and its log); open ones stay. */
  async function removeClosed(): Promise<void> {
    const closed = sessions.value.filter((info) => info.state === 'closed' || info.state === 'error')
    await Promise.all(closed.map((info) => remove(info.id)))
  }

  /** Changes an open session's framing; the host answers the session with its new options. */
  async function setFraming(id: string, framing: SetFramingRequest['framing']): Promise<Result<SessionInfo>> {
    const result = await socketApi().setFraming({ sessionId: id, framing })
    if (result.ok) upsert(result.value)
    return result
  }

  /** Replaces an open session's auto-reply rules; the host answers the session (its counters back at 0). */
  async function setAutoReply(
    id: string,
    autoReply: SetAutoReplyRequest['autoReply'],
  ): Promise<Result<SessionInfo>> {
    const result = await socketApi().setAutoReply({ sessionId: id, autoReply })
    if (result.ok) upsert(result.value)
    return result
  }

  /** A relay's faults, the same for both directions; the host answers the session with its new options. */
  async function setFaults(id: string, faults: SetFaultsRequest['faults']): Promise<Result<SessionInfo>> {
    const result = await socketApi().setFaults({ sessionId: id, faults })
    if (result.ok) upsert(result.value)
    return result
  }

  /** A relay: a message as typed into one direction of one pair, or of every pair without `connectionId`. */
  function injectMessage(
    id: string,
    request: Omit<InjectMessageRequest, 'sessionId'>,
  ): Promise<Result<SendReceipt>> {
    return socketApi().injectMessage({ sessionId: id, ...request })
  }

  async function remove(id: string): Promise<Result<null>> {
    const result = await socketApi().removeSession({ sessionId: id })
    if (result.ok || result.error.code === OwnErrorCode.unknownSession) forget(id)
    return result
  }

  function forget(id: string): void {
    removed.add(id)
    const index = order.value.indexOf(id)
    order.value = order.value.filter((other) => other !== id)
    delete byId.value[id]
    delete steps.value[id]
    delete peerFinished.value[id]
    countedAt.delete(id)
    useLogStore().forget(id)
    useTimelineStore().forget(id)
    useGeneratorStore().forget(id)
    useAutoReconnectStore().forget(id)
    useFileSendStore().forget(id)
    forgetSendStore(id)
    if (selectedId.value === id) selectedId.value = order.value[Math.min(index, order.value.length - 1)]
  }

  /** Whether this page opened the session, so every event of it reached this page. */
  const wasOpenedHere = (id: string): boolean => openedHere.has(id)

  /**
   * Ends a connection (a server's client, or a client's one connection when `connectionId` is omitted; on a server,
   * omitted means every client): 'graceful' sends FIN after queued data, 'reset' an RST at once.
   */
  function disconnect(
    sessionId: string,
    connectionId?: string,
    mode: 'graceful' | 'reset' = 'graceful',
  ): Promise<Result<null>> {
    return socketApi().disconnect(
      connectionId === undefined ? { sessionId, mode } : { sessionId, connectionId, mode },
    )
  }

  /** Sends our FIN and keeps receiving (a server's client, or a client's connection when omitted). */
  function halfClose(sessionId: string, connectionId?: string): Promise<Result<null>> {
    return socketApi().halfClose(connectionId === undefined ? { sessionId } : { sessionId, connectionId })
  }

  /** Re-reads the list from the host (start-up, reconnect, sessions we have not heard of). */
  function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true
      return refreshing
    }
    refreshing = (async () => {
      do {
        refreshAgain = false
        const result = await socketApi().listSessions()
        if (!result.ok) break
        const listed = result.value.filter((info) => !removed.has(info.id))
        for (const info of listed) upsert(info)
        const known = new Set(listed.map((info) => info.id))
        for (const id of [...order.value]) if (!known.has(id)) forget(id)
      } while (refreshAgain)
    })().finally(() => {
      refreshing = undefined
    })
    return refreshing
  }

  function recordStep(event: LoggedEvent): void {
    const kept = (steps.value[event.sessionId] ??= { session: [], connection: [], hidden: 0 })
    const frozen = markRaw(event)
    if (event.connectionId === undefined) {
      kept.session.push(frozen)
      return
    }
    kept.connection.push(frozen)
    if (kept.connection.length > MAX_CONNECTION_STEPS) {
      kept.connection.shift()
      kept.hidden++
    }
  }

  /** `receivedAt`: when the batch reached the page; its counters were true then, not when applied. */
  function applyBatch(batch: EventBatch, receivedAt = pageClock()): void {
    const autoReconnect = useAutoReconnectStore()
    /** A session we have not heard of, or one whose options the engine changed itself: read the list again. */
    let stale = false
    for (const event of batch.events) {
      if (removed.has(event.sessionId)) continue
      if (isStep(event)) recordStep(event)
      if (event.type === 'end' && event.connectionId === undefined) peerFinished.value[event.sessionId] = true
      // A session opened again in place starts a new connection: the old one's FIN no longer applies.
      if (event.type === 'connected' && event.connectionId === undefined)
        delete peerFinished.value[event.sessionId]
      const info = byId.value[event.sessionId]
      if (info) applyEvent(info, event)
      else stale = true
      // The engine turned a runaway regex's rule off: the session's options say so now.
      if (event.type === 'error' && event.error.code === OwnErrorCode.ruleTimeout) stale = true
      if (event.type === 'connected') autoReconnect.connected(event.sessionId)
      if (info && event.type === 'close' && event.scope === 'session')
        autoReconnect.ended(info, event.cause, reopen)
    }
    for (const [id, snapshot] of Object.entries(batch.stats)) {
      const info = byId.value[id]
      if (!info) continue
      // Snapshots are the engine's exact counters: replace, never add.
      info.stats = snapshot.session
      countedAt.set(id, receivedAt)
      for (const connection of info.connections) {
        const stats = snapshot.connections[connection.id]
        if (stats) connection.stats = stats
      }
    }
    if (stale) void refresh()
  }

  return {
    byId,
    order,
    selectedId,
    steps,
    peerFinished,
    sessions,
    selected,
    select,
    open,
    close,
    stopListening,
    resumeListening,
    reopen,
    removeClosed,
    setFraming,
    setAutoReply,
    setFaults,
    injectMessage,
    remove,
    disconnect,
    halfClose,
    refresh,
    wasOpenedHere,
    countedAtOf: (id: string): number | undefined => countedAt.get(id),
    applyBatch,
  }
})
