import type { ErrorInfo } from './errors'
import type { GeneratorReport } from './generator/report'
import type { SessionCapabilities, SessionKind } from './kinds/kind-descriptor'
import type { RelayDirection } from './relay/fault-registry'
import type { SessionOptions } from './schemas'
import type { TlsDetails } from './tls/tls-details'

export type { SessionKind }

/** The state words the UI shows (UI contract). */
export type SessionState = 'connecting' | 'connected' | 'listening' | 'bound' | 'closed' | 'error'

export interface Endpoint {
  address: string
  port: number
  family: 'IPv4' | 'IPv6'
}

export interface Counters {
  bytesIn: number
  bytesOut: number
  messagesIn: number
  messagesOut: number
}

export interface ConnectionStats extends Counters {
  /** Bytes handed to the socket but not yet accepted by the kernel (backpressure). */
  queuedBytes: number
  /** Frames cut by the session's framing (0 without framing); bytes and messages count the raw chunks. */
  framesIn: number
}

export interface SessionStats extends ConnectionStats {
  /** Connections currently open (TCP server: accepted clients; TCP client: 0 or 1). */
  openConnections: number
  /** Auto-reply: messages each rule answered, in rule order, across every connection; absent without rules. */
  autoReplyMatches?: number[]
  /**
   * UDP: the socket's receive buffer as the kernel set it, and the datagrams the kernel dropped for want of room in
   * it (read once a second; null where the OS does not say). Kept after the socket closed.
   */
  receiveBuffer?: ReceiveBufferInfo
}

export interface ConnectionInfo {
  id: string
  remote: Endpoint
  local: Endpoint
  /** Epoch milliseconds of accept(). */
  since: number
  /** open; half-closed: the peer sent FIN; closed. */
  state: 'open' | 'half-closed' | 'closed'
  stats: ConnectionStats
  /** A relay pair's other leg: the connection (TCP) or socket (UDP) to the upstream for this client. */
  upstream?: { local?: Endpoint; remote: Endpoint; stats: ConnectionStats }
}

/** Which socket of a relay pair an event happened on: the client's, or the one to the upstream. */
export type RelayLeg = 'client' | 'upstream'

export interface SessionInfo {
  id: string
  kind: SessionKind
  /** What this session can do; ask these instead of comparing kinds. */
  capabilities: SessionCapabilities
  state: SessionState
  options: SessionOptions
  local?: Endpoint
  remote?: Endpoint
  /** TCP server: false after stop-listening while accepted clients stay. */
  listening?: boolean
  openedAt: number
  stats: SessionStats
  connections: ConnectionInfo[]
  error?: ErrorInfo
  /** The generator's latest figures: the running one's, or the last run's summary. */
  generator?: GeneratorReport
  /** The last TLS handshake: a client's, or the connection a server accepted last. */
  tls?: TlsDetails
}

export interface ReceiveBufferInfo {
  bytes: number
  drops: number | null
}

/** Why a socket closed, as the user should read it. */
/** 'reset' is the peer's RST; 'aborted' is ours (an abortive close asked for here). */
export type CloseCause = 'local' | 'peer' | 'reset' | 'aborted' | 'error' | 'timeout' | 'server-closed'

export interface EventBase {
  sessionId: string
  /** Set for events of one accepted/connected TCP connection (a relay: of one client ↔ upstream pair). */
  connectionId?: string
  /** Relays: the pair's socket the event happened on. */
  leg?: RelayLeg
  /** Relays: which way the bytes of a data event flow ('to-upstream' also for what the client leg received). */
  direction?: RelayDirection
  /** Per-session, strictly increasing from 1. */
  seq: number
  /** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()). */
  time: number
}

export type SessionEvent = EventBase &
  (
    | { type: 'socket'; protocol: 'tcp' | 'udp'; family?: 'IPv4' | 'IPv6' }
    | { type: 'lookup'; host: string; address: string; family: 'IPv4' | 'IPv6' }
    | { type: 'connect'; remote: Endpoint }
    | { type: 'connected'; local: Endpoint; remote: Endpoint; latencyMs: number }
    | { type: 'bind'; local: Endpoint }
    | { type: 'listen'; local: Endpoint; backlog: number }
    | { type: 'accept'; local: Endpoint; remote: Endpoint }
    /** The TLS handshake succeeded (after 'connected' or 'accept'); failures are 'error' events. */
    | { type: 'tls'; tls: TlsDetails }
    | { type: 'sent'; byteLength: number; data: Uint8Array; remote?: Endpoint }
    | { type: 'received'; byteLength: number; data: Uint8Array; remote?: Endpoint }
    /** One message cut by the session's framing, after the 'received' chunk that completed it. */
    | { type: 'frame'; byteLength: number; data: Uint8Array; remote?: Endpoint }
    | { type: 'end' }
    | { type: 'half-close' }
    | { type: 'close'; scope: 'session' | 'listener' | 'connection'; cause: CloseCause }
    | { type: 'error'; error: ErrorInfo }
    | { type: 'state'; state: SessionState }
    | { type: 'membership'; action: 'join' | 'leave'; group: string; iface?: string }
    /** A generator's interval report (each second) or summary; or a receiver's figures of measured messages. */
    | { type: 'generator'; report: GeneratorReport }
    /** An auto-reply rule (1-based, in rule order) matched a message; its reply follows as a 'sent' event. */
    | { type: 'rule'; rule: number }
    /**
     * A relay did not forward a datagram: the drop fault took it, or too much already waited in its direction; or a
     * TCP relay's reset fault drew this chunk, and the pair is reset instead of forwarding it.
     */
    | { type: 'dropped'; byteLength: number; reason: 'fault' | 'held-full' | 'reset' }
    /** UDP: the kernel dropped `count` more datagrams since the last report for want of room in the receive buffer. */
    | { type: 'receive-drops'; count: number; total: number }
  )

export type SessionEventType = SessionEvent['type']

/** The events that carry bytes: a chunk or datagram sent or received, or a frame cut from what was received. */
export type DataEvent = Extract<SessionEvent, { type: 'sent' | 'received' | 'frame' }>

export const isDataEvent = (event: SessionEvent): event is DataEvent =>
  event.type === 'sent' || event.type === 'received' || event.type === 'frame'

/** Counters at the moment a batch was cut: exact, never coalesced. */
export interface StatsSnapshot {
  session: SessionStats
  /** Only the connections touched since the previous batch. */
  connections: Record<string, ConnectionStats>
}

/** What the forwarder sends to a window (or web client) each tick. */
export interface EventBatch {
  events: SessionEvent[]
  /** Per session: rows cut from this batch to keep the display smooth (counters still include them). */
  omitted: Record<string, number>
  stats: Record<string, StatsSnapshot>
}

export interface SendReceipt {
  /** Bytes accepted by the kernel across every target. */
  bytes: number
  /** Targets written to (TCP server 'all': number of clients). */
  targets: number
}
