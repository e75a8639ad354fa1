import type { OpenSessionRequest, SessionOptions } from '../schemas'

export type SessionKind = SessionOptions['kind']

/** What a session can do: the renderer, the CLI and the handlers ask this, never which kind a session is. */
export interface SessionCapabilities {
  /** Who a send goes to: the session's one peer, one (or every) accepted connection, or a datagram destination. */
  sendTarget: 'session' | 'connection' | 'datagram'
  /** Accepts connections from clients (and can disconnect one of them). */
  acceptsConnections: boolean
  /** Its traffic flows over connections, so it counts open ones (TCP), rather than datagrams (UDP). */
  connectionOriented: boolean
  /** Has (or can have) one remote peer: a client's server, a connected UDP socket's peer. */
  hasRemote: boolean
  /** Can send FIN and keep receiving. */
  halfClose: boolean
  /** Can close its listener and keep its accepted clients. */
  stopListening: boolean
  /** Can join and leave multicast groups. */
  multicast: boolean
  /** Can run the traffic generator: it has one peer (or a datagram destination) to send to. */
  generator: boolean
  /**
   * Forwards between clients and an upstream: its rows carry a direction, it takes faults and injections, and
   * its pairs can be reset; it has nothing of its own to send.
   */
  relays: boolean
  /** Can end a connection abortively: an RST at once instead of a FIN after queued data. */
  abortiveClose: boolean
  /**
   * What opening a closed session again in place does (its log and counters go on): connect to the same remote,
   * listen on the same address again, or bind the same address again. The UI names its button after it.
   */
  reopen: 'reconnect' | 'listen-again' | 'bind-again'
}

/** A host and port as the user typed them (not yet resolved): what a session was asked to use. */
export interface HostPort {
  host: string
  port: number
}

/** The options a caller may give for one kind (defaults may be left out). */
export type KindRequest<K extends SessionKind> = Extract<OpenSessionRequest, { kind: K }>

/**
 * Everything the shared layers know about one session kind. One descriptor per kind, listed in `sessionKinds`;
 * the engine's factory, the form's fields component and the i18n label are registered beside it (a test checks
 * that none is missing).
 */
export interface SessionKindDescriptor<K extends SessionKind> {
  kind: K
  /** English name for engine messages and the CLI (the UI translates `labelKey`). */
  title: string
  /** The i18n key of the kind's name. */
  labelKey: `mode.${K}`
  /** The name's key when the session runs TLS ("TLS client"); absent for kinds without TLS. */
  tlsLabelKey?: `mode.${string}`
  /** The transport under it, as the `socket` lifecycle step reports it. */
  protocol: 'tcp' | 'udp'
  capabilities: SessionCapabilities
  /** Which endpoint names a session in lists and titles: a client's peer, a server's or socket's own. */
  namedBy: 'local' | 'remote'
  /** The endpoint the options ask for: where a client connects to, where a server, socket or relay binds. */
  requestedEndpoint(options: KindRequest<K>): HostPort
  /** A second endpoint a saved connection names (UDP: its default destination; a relay: its upstream). */
  destination(options: KindRequest<K>): HostPort | undefined
  /**
   * What makes two connections "the same endpoint" to a user: mode and addresses, not tuning options. Recent
   * endpoints are deduplicated by it, and a session finds its profile's quick-send messages by it.
   */
  endpointFields(options: KindRequest<K>): readonly unknown[]
}

/** Every interface of this machine, where a server or socket binds when no address is given. */
export const ANY_ADDRESS = '0.0.0.0'
