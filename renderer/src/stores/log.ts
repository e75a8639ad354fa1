import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef, watch } from 'vue'
import type { EventBatch } from '../../../electron/shared/model'
import {
  PeerBook,
  SequenceGaps,
  isLogged,
  toLogRow,
  type LogRow,
} from '../../../electron/shared/view/log-rows'
import { RingBuffer } from '../lib/ring-buffer'
import { useSettingsStore } from './settings'

const MAX_PEER_NAMES = 1000

/** Payloads as text, as hex, or both side by side. */
export type ViewAs = 'text' | 'hex' | 'both'

/** One session's log. Plain objects: Vue tracks only the store's `version` counter, never the rows. */
export interface SessionLog {
  readonly rows: RingBuffer<LogRow>
  readonly peers: PeerBook
  /** Every peer seen, for the peer filter (capped: a flood of UDP senders must not grow it forever). */
  readonly peerNames: Set<string>
  /** Rows pushed out of the ring by newer ones. */
  dropped: number
  /** Rows the host cut from batches during a flood (its counters still include them). */
  omitted: number
  /** Of those, the ones whose place is known (a row after them carries `missingBefore`). */
  placed: number
  readonly gaps: SequenceGaps
  /** Whether the user cleared it: an empty log then says so, not "no traffic yet". */
  cleared: boolean
  /** The number of the first event this page received: above 1, what came before is not here. */
  firstSeq: number | undefined
}

export const useLogStore = defineStore('log', () => {
  const settings = useSettingsStore()
  const logs = markRaw(new Map<string, SessionLog>())
  /** Bumped on every change; views read it to know when to re-render. */
  const version = shallowRef(0)
  /** Text or Hex, per session (a new session starts as Text, whatever another one shows). */
  const viewAsBySession = ref<Record<string, ViewAs>>({})

  const viewAsOf = (sessionId: string): ViewAs => viewAsBySession.value[sessionId] ?? 'text'

  function setViewAs(sessionId: string, viewAs: ViewAs): void {
    viewAsBySession.value[sessionId] = viewAs
  }

  function logOf(sessionId: string): SessionLog {
    let log = logs.get(sessionId)
    if (!log) {
      log = markRaw({
        rows: new RingBuffer<LogRow>(settings.logCapacity),
        peers: new PeerBook(),
        peerNames: new Set<string>(),
        dropped: 0,
        omitted: 0,
        placed: 0,
        gaps: new SequenceGaps(),
        cleared: false,
        firstSeq: undefined,
      })
      logs.set(sessionId, log)
    }
    return log
  }

  /** Rows left out after the newest row: their place becomes known when the next event arrives. */
  const trailingGap = (log: SessionLog): number => Math.max(0, log.omitted - log.placed)

  /** The session's log, or undefined before its first event. Read `version` to stay reactive. */
  function find(sessionId: string): SessionLog | undefined {
    return logs.get(sessionId)
  }

  function applyBatch(batch: EventBatch): void {
    for (const event of batch.events) {
      const log = logOf(event.sessionId)
      log.firstSeq ??= event.seq
      // Every event counts, 'state' too: it has its own number, and only the batcher leaves events out.
      const missing = log.gaps.before(event)
      log.placed += missing
      if (!isLogged(event)) continue
      const row = toLogRow(event, log.peers, missing)
      log.dropped += log.rows.push(row)
      if (row.peer !== undefined && log.peerNames.size < MAX_PEER_NAMES) log.peerNames.add(row.peer)
    }
    for (const [sessionId, count] of Object.entries(batch.omitted)) logOf(sessionId).omitted += count
    version.value++
  }

  function clear(sessionId: string): void {
    const log = logs.get(sessionId)
    if (!log) return
    log.rows.clear()
    log.dropped = 0
    log.omitted = 0
    log.placed = 0
    log.cleared = true
    version.value++
  }

  function forget(sessionId: string): void {
    logs.delete(sessionId)
    delete viewAsBySession.value[sessionId]
    version.value++
  }

  watch(
    () => settings.logCapacity,
    (capacity) => {
      for (const log of logs.values()) log.dropped += log.rows.resize(capacity)
      version.value++
    },
  )

  return { version, viewAsOf, setViewAs, find, trailingGap, applyBatch, clear, forget }
})
