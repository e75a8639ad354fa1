import type { SessionEngine } from '../../../electron/core/session-engine'
import { zeroStats } from '../../helpers/stats'
import {
  CodedError,
  capabilitiesOf,
  type EngineEvent,
  type SessionEvent,
  type SessionInfo,
} from '../../../electron/shared'

type Listener = (event: EngineEvent) => void
/** An event before the source numbers and stamps it (Omit applied to each member of the union). */
type Unsequenced = SessionEvent extends infer Event
  ? Event extends SessionEvent
    ? Omit<Event, 'seq' | 'time'>
    : never
  : never

/** Stands in for the engine where a test needs to choose the events exactly (the engine's own tests cover it). */
export class EventSource implements Pick<SessionEngine, 'subscribe' | 'get'> {
  private readonly listeners = new Set<Listener>()
  private seq = 0
  private state: SessionInfo['state'] = 'bound'

  constructor(readonly sessionId = 's1') {}

  get(sessionId: string): SessionInfo {
    if (sessionId !== this.sessionId) throw new CodedError('ERR_NO_SESSION', 'No such session.')
    return {
      id: sessionId,
      kind: 'udp',
      capabilities: capabilitiesOf('udp'),
      state: this.state,
      options: {
        kind: 'udp',
        port: 0,
        reuseAddr: false,
        broadcast: false,
        multicastGroups: [],
        connectToRemote: false,
      },
      local: { address: '127.0.0.1', port: 40000, family: 'IPv4' },
      openedAt: 0,
      stats: zeroStats(),
      connections: [],
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  received(data: Uint8Array, sessionId = this.sessionId): void {
    this.emit({ type: 'received', byteLength: data.byteLength, data, sessionId })
  }

  /** Frames of one read as the engine sends them: one 'frames' event, a sequence number per frame. */
  frames(data: Uint8Array, bounds: Array<[number, number]>, sessionId = this.sessionId): void {
    const count = bounds.length
    const event: EngineEvent = {
      type: 'frames',
      sessionId,
      seq: this.seq + 1,
      time: performance.timeOrigin + performance.now(),
      count,
      data,
      starts: Uint32Array.from(bounds, ([start]) => start),
      ends: Uint32Array.from(bounds, ([, end]) => end),
    }
    this.seq += count
    for (const listener of this.listeners) listener(event)
  }

  close(): void {
    this.state = 'closed'
    this.emit({ type: 'close', scope: 'session', cause: 'local', sessionId: this.sessionId })
  }

  private emit(event: Unsequenced): void {
    const full = {
      ...event,
      seq: ++this.seq,
      time: performance.timeOrigin + performance.now(),
    } as SessionEvent
    for (const listener of this.listeners) listener(full)
  }
}
