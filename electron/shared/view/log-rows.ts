import { isDataEvent, type SessionEvent } from '../model'
import { formatEndpoint } from '../endpoint-format'

/**
 * Every event but 'state', 'generator' and 'rule' (the Auto-reply panel counts matches) becomes a row: state changes already show as the lifecycle steps around
 * them, and a generator's figures have their own panel.
 */
export type LoggedEvent = Exclude<SessionEvent, { type: 'state' | 'generator' | 'rule' }>

/** One traffic-log row. Kept frozen and out of Vue's reactivity (see stores/log.ts). */
export interface LogRow {
  readonly event: LoggedEvent
  /** "host:port" of the other side, where there is one. */
  readonly peer: string | undefined
  /** Payload size for data rows (sent, received, frame). */
  readonly bytes: number | undefined
  /** Rows the host left out of the display (a flood) right before this one: where its gap marker goes. */
  readonly missingBefore: number
}

export type DirectionFilter = 'all' | 'sent' | 'received' | 'lifecycle' | 'error'

export function isLogged(event: SessionEvent): event is LoggedEvent {
  return event.type !== 'state' && event.type !== 'generator' && event.type !== 'rule'
}

/** A connection's key; a relay pair has two sockets (legs), each with its own peer. */
const connectionKey = (event: Pick<SessionEvent, 'connectionId' | 'leg'>): string =>
  event.leg === undefined ? event.connectionId! : `${event.connectionId!}/${event.leg}`

/** Remembers who is at the other end of each connection so rows without an address still name their peer. */
export class PeerBook {
  private readonly byConnection = new Map<string, string>()
  private sessionPeer: string | undefined

  learn(event: SessionEvent): void {
    if (event.type !== 'accept' && event.type !== 'connected' && event.type !== 'connect') return
    const peer = formatEndpoint(event.remote)
    if (event.connectionId !== undefined) this.byConnection.set(connectionKey(event), peer)
    if (event.type !== 'accept' && event.leg === undefined) this.sessionPeer = peer
  }

  peerOf(event: LoggedEvent): string | undefined {
    if ('remote' in event && event.remote !== undefined) return formatEndpoint(event.remote)
    if (event.connectionId !== undefined) return this.byConnection.get(connectionKey(event))
    if (
      event.type === 'sent' ||
      event.type === 'received' ||
      event.type === 'frame' ||
      event.type === 'tls' ||
      event.type === 'end' ||
      event.type === 'half-close'
    ) {
      return this.sessionPeer
    }
    if (event.type === 'close' && event.scope !== 'listener') return this.sessionPeer
    return undefined
  }
}

export function toLogRow(event: LoggedEvent, peers: PeerBook, missingBefore = 0): LogRow {
  peers.learn(event)
  const bytes = isDataEvent(event) ? event.byteLength : undefined
  return Object.freeze({ event, peer: peers.peerOf(event), bytes, missingBefore })
}

/**
 * Finds where the host left events out. A session numbers its events 1, 2, 3, … and the batcher drops only
 * whole events, so a jump in `seq` is exactly where, and how many, rows are missing.
 */
export class SequenceGaps {
  private lastSeq: number | undefined

  /** Events missing right before this one; 0 for the first event seen (what came before it is unknown). */
  before(event: SessionEvent): number {
    const missing = this.lastSeq === undefined ? 0 : Math.max(0, event.seq - this.lastSeq - 1)
    this.lastSeq = Math.max(this.lastSeq ?? 0, event.seq)
    return missing
  }
}

/** The payload bytes of a data row. */
export function rowData(row: LogRow): Uint8Array | undefined {
  const { event } = row
  return isDataEvent(event) ? event.data : undefined
}

export function matchesDirection(row: LogRow, filter: DirectionFilter): boolean {
  const type = row.event.type
  switch (filter) {
    case 'all':
      return true
    case 'sent':
    case 'error':
      return type === filter
    case 'received':
      return type === 'received' || type === 'frame'
    case 'lifecycle':
      return !isDataEvent(row.event)
  }
}
