import { execFileSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { createServer } from 'node:net'
import type { SessionEngine } from '../../../electron/core/session-engine'
import {
  CodedError,
  eachSessionEvent,
  openSessionRequestSchema,
  type OpenSessionRequest,
  type SessionEvent,
  type SessionEventType,
  type SessionInfo,
  type SessionOptions,
} from '../../../electron/shared'
import { PEER_TIMEOUT_MS, within } from '../../helpers/peers'

// What the robustness tests share: full session options from short requests, a recorder of engine events
// with event-driven waits, the coded error of a failed call, and checks that ports and handles were released.

/** Session options with the schema's defaults filled in, as the handler table would pass them. */
export const sessionOptions = (request: OpenSessionRequest): SessionOptions =>
  openSessionRequestSchema.parse(request)

export type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>

export const isEvent =
  <T extends SessionEventType>(type: T, sessionId?: string) =>
  (event: SessionEvent): event is EventOf<T> =>
    event.type === type && (sessionId === undefined || event.sessionId === sessionId)

/** A close event of one session with the given scope: the session itself, its listener or one connection. */
export const isClose =
  (sessionId: string, scope: EventOf<'close'>['scope']) =>
  (event: SessionEvent): event is EventOf<'close'> =>
    isEvent('close', sessionId)(event) && event.scope === scope

/** Text as the bytes a send request carries. */
export const textBytes = (text: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(new TextEncoder().encode(text))

/** Every event of an engine, in order, with waits that resolve as soon as a matching event arrived. */
export class EventLog {
  readonly events: SessionEvent[] = []
  private readonly waiters = new Set<() => void>()
  private readonly unsubscribe: () => void

  constructor(engine: SessionEngine) {
    this.unsubscribe = engine.subscribe(
      eachSessionEvent((event) => {
        this.events.push(event)
        for (const waiter of [...this.waiters]) waiter()
      }),
    )
  }

  of(sessionId: string): SessionEvent[] {
    return this.events.filter((event) => event.sessionId === sessionId)
  }

  matching<T extends SessionEvent>(predicate: (event: SessionEvent) => event is T): T[] {
    return this.events.filter(predicate)
  }

  /** Resolves with the first matching event, past or future. */
  async waitFor<T extends SessionEvent>(
    predicate: (event: SessionEvent) => event is T,
    what: string,
    ms = PEER_TIMEOUT_MS,
  ): Promise<T> {
    await this.waitForCount(predicate, 1, what, ms)
    return this.events.find(predicate)!
  }

  /** Resolves once at least `count` matching events arrived. */
  waitForCount(
    predicate: (event: SessionEvent) => boolean,
    count: number,
    what: string,
    ms = PEER_TIMEOUT_MS,
  ) {
    let seen = this.events.filter(predicate).length
    if (seen >= count) return Promise.resolve()
    const done = new Promise<void>((resolve) => {
      const check = (): void => {
        const latest = this.events[this.events.length - 1]
        if (latest === undefined || !predicate(latest)) return
        seen += 1
        if (seen < count) return
        this.waiters.delete(check)
        resolve()
      }
      this.waiters.add(check)
    })
    return within(done, what, ms)
  }

  clear(): void {
    this.events.length = 0
  }

  stop(): void {
    this.unsubscribe()
    this.waiters.clear()
  }
}

/** The coded error an engine call failed with; whether it threw at once or rejected later does not matter here. */
export async function failureOf(action: () => unknown): Promise<CodedError> {
  let outcome: unknown
  try {
    outcome = await within(Promise.resolve().then(action), 'the call to settle')
  } catch (thrown) {
    if (thrown instanceof CodedError) return thrown
    throw new Error(`expected a CodedError, got ${String(thrown)}`)
  }
  throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`)
}

/** A short fingerprint of the sessions: what must stay the same when a fault hits another session. */
export const fingerprint = (sessions: SessionInfo[]): string =>
  JSON.stringify(sessions.map((s) => [s.id, s.state, s.listening, s.connections.map((c) => [c.id, c.state])]))

/** Listens on the TCP port and lets it go again: proves nothing of ours still holds it. */
export async function expectTcpPortFree(host: string, port: number): Promise<void> {
  const server = createServer()
  server.listen({ host, port, exclusive: true })
  await within(once(server, 'listening'), `TCP ${host}:${port} to bind again`)
  await new Promise((resolve) => server.close(resolve))
}

/** Binds the UDP port and lets it go again. */
export async function expectUdpPortFree(host: string, port: number): Promise<void> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  socket.bind({ address: host, port, exclusive: true })
  await within(once(socket, 'listening'), `UDP ${host}:${port} to bind again`)
  await new Promise<void>((resolve) => socket.close(() => resolve()))
}

const socketHandleTypes = ['TCPServerWrap', 'TCPSocketWrap', 'UDPWrap'] as const
export type SocketHandleCounts = Record<(typeof socketHandleTypes)[number], number>

/**
 * Live socket handles of this process, by type (what a leaked socket or listener would show up as). A handle
 * leaves the list in libuv's closing phase, after the 'close' callbacks ran; two turns of the loop pass it.
 */
export async function socketHandleCounts(): Promise<SocketHandleCounts> {
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
  const active = process.getActiveResourcesInfo()
  return Object.fromEntries(
    socketHandleTypes.map((type) => [type, active.filter((name) => name === type).length]),
  ) as SocketHandleCounts
}

/** The soft limit on open files (`ulimit -n`) as a child shell inherits it; undefined where there is none. */
export function openFileLimit(): number | undefined {
  if (process.platform === 'win32') return undefined
  const text = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()
  return text === 'unlimited' ? undefined : Number(text)
}

/**
 * How many client/server socket pairs fit under the open-file limit, capped at `wanted`. Node cannot raise
 * its own limit, so when the limit is too low this says how to raise it and sizes the run down.
 */
export function affordableConnections(wanted: number, reserve = 256): number {
  const limit = openFileLimit()
  if (limit === undefined || limit >= wanted * 2 + reserve) return wanted
  const fits = Math.max(1, Math.floor((limit - reserve) / 2))
  console.warn(
    `open-file limit is ${limit}: ${wanted} connections need ${wanted * 2 + reserve} descriptors ` +
      `(both ends live in this process), so this run uses ${fits}. Raise it with \`ulimit -n ${wanted * 2 + reserve}\`.`,
  )
  return fits
}
