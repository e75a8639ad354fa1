import type { ChildProcess } from 'node:child_process'
import { SessionManager, type SessionManagerOptions } from '../../../electron/core/engine'
import {
  eachSessionEvent,
  openSessionRequestSchema,
  type OpenSessionRequest,
  type SessionEvent,
  type SessionEventType,
} from '../../../electron/shared'
import { within, type NodeTcpPeer } from '../../helpers/peers'

export type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>

/** A real SessionManager plus a record of every event it emitted, with event-driven waits. */
export class EngineHarness {
  readonly engine: SessionManager
  readonly events: SessionEvent[] = []
  private readonly waiters = new Set<() => void>()
  private readonly unsubscribe: () => void
  /** Peers a test started, ended by dispose(). */
  private readonly peers: Array<NodeTcpPeer | ChildProcess> = []

  constructor(options?: SessionManagerOptions) {
    this.engine = new SessionManager(options)
    this.unsubscribe = this.engine.subscribe(
      eachSessionEvent((event) => {
        this.events.push(event)
        for (const waiter of [...this.waiters]) waiter()
      }),
    )
  }

  /** Opens a session from a request as a caller writes it (the shared schema fills in the defaults). */
  async openRequest(request: OpenSessionRequest): Promise<{ id: string; port: number }> {
    const info = await this.engine.open(openSessionRequestSchema.parse(request))
    return { id: info.id, port: info.local?.port ?? 0 }
  }

  /** Keeps a client socket or child process to end when the harness is disposed; answers it. */
  track<T extends NodeTcpPeer | ChildProcess>(peer: T): T {
    this.peers.push(peer)
    return peer
  }

  of(sessionId: string, connectionId?: string): SessionEvent[] {
    return this.events.filter(
      (event) =>
        event.sessionId === sessionId && (connectionId === undefined || event.connectionId === connectionId),
    )
  }

  typesOf(sessionId: string, connectionId?: string): SessionEventType[] {
    return this.of(sessionId, connectionId).map((event) => event.type)
  }

  ofType<T extends SessionEventType>(sessionId: string, type: T, connectionId?: string): EventOf<T>[] {
    return this.of(sessionId, connectionId).filter((event): event is EventOf<T> => event.type === type)
  }

  /** The first event (already seen or still to come) of that session and type that matches. */
  waitFor<T extends SessionEventType>(
    sessionId: string,
    type: T,
    matches: (event: EventOf<T>) => boolean = () => true,
    ms?: number,
  ): Promise<EventOf<T>> {
    const find = (): EventOf<T> | undefined => this.ofType(sessionId, type).find(matches)
    return within(this.until(find), `event '${type}' of ${sessionId}`, ms)
  }

  /** Bytes received by a session (or one of its connections), concatenated in order. */
  received(sessionId: string, connectionId?: string): Buffer {
    return Buffer.concat(this.ofType(sessionId, 'received', connectionId).map((event) => event.data))
  }

  waitForReceived(sessionId: string, count: number, connectionId?: string, ms?: number): Promise<Buffer> {
    const enough = (): Buffer | undefined => {
      const bytes = this.received(sessionId, connectionId)
      return bytes.byteLength >= count ? bytes : undefined
    }
    return within(this.until(enough), `${count} bytes received by ${sessionId} ${connectionId ?? ''}`, ms)
  }

  /** Resolves once `value()` returns something, re-checking after every event. */
  until<T>(value: () => T | undefined): Promise<T> {
    const now = value()
    if (now !== undefined) return Promise.resolve(now)
    return new Promise((resolve) => {
      const check = (): void => {
        const found = value()
        if (found === undefined) return
        this.waiters.delete(check)
        resolve(found)
      }
      this.waiters.add(check)
    })
  }

  /** Resolves once the session has emitted at least `count` events of `type`. */
  waitForCount(sessionId: string, type: SessionEventType, count: number): Promise<unknown> {
    return this.waitFor(sessionId, type, () => this.ofType(sessionId, type).length >= count)
  }

  async dispose(): Promise<void> {
    for (const peer of this.peers.splice(0)) {
      if ('socket' in peer) peer.socket.destroy()
      else if (peer.exitCode === null) peer.kill('SIGTERM')
    }
    await this.engine.disposeAll()
    this.unsubscribe()
  }
}
