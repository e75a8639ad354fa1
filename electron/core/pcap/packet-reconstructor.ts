import { CodedError, sessionKinds, type Endpoint, type SessionEvent } from '../../shared'
import { CaptureErrorCode, type CaptureHeader } from '../capture'
import { localAddressFor, wireAddress } from './ip-address'
import { udpPacket, type Packet } from './ip-packet'
import { TcpFlow, type FlowEnd, type FlowPacket, type Side } from './tcp-flow'

// A capture's events become the packets that would have carried them. TCP: one flow per connection (the
// client's one connection, or each connection a server accepted), drawn from connect/accept to its close.
// UDP: one packet per datagram, between our socket and the datagram's sender or destination. A TCP relay's pair
// is two flows, the client leg and the upstream leg, and each packet's comment names its pair, leg and direction.

export interface ReconstructedPacket {
  /** Epoch milliseconds of the event that implies the packet. */
  time: number
  side: Side
  packet: Packet
  comment: string
}

/** The key of a client's one connection (server connections use their connection id). */
const SESSION_FLOW = 'session'

const WHO = 'Reconstructed by Socket Workbench'

function commentFor(event: SessionEvent, what: string): string {
  const relay =
    event.leg === undefined
      ? ''
      : ` [pair ${event.connectionId ?? '?'}, ${event.leg} leg${event.direction === undefined ? '' : `, ${event.direction}`}]`
  return `${WHO} from event ${event.seq} (${event.type}): ${what}${relay}`
}

/** The flow an event belongs to: its connection's (a relay's upstream leg apart from its client leg), or the session's. */
function flowKeyOf(event: SessionEvent): string {
  const key = event.connectionId ?? SESSION_FLOW
  return event.leg === 'upstream' ? `${key} upstream` : key
}

export class PacketReconstructor {
  private readonly protocol: 'tcp' | 'udp'
  /** Our socket's endpoint: the header's, then whatever bind/connected report. */
  private local: Endpoint | undefined
  /** The session's one peer (a client's server, a connected UDP socket's peer). */
  private remote: Endpoint | undefined
  private readonly flows = new Map<string, TcpFlow>()
  /** Per flow, a connect()'s time: its SYN is drawn once `connected` names our port. */
  private readonly connectTimes = new Map<string, number>()

  constructor(header: CaptureHeader) {
    this.protocol = protocolOf(header)
    this.local = header.session.local
    this.remote = header.session.remote
  }

  /** The packets one event implies, in order; most events imply none. */
  *packetsOf(event: SessionEvent): Generator<ReconstructedPacket> {
    switch (event.type) {
      case 'bind':
        this.local = event.local
        return
      case 'connect':
        // A relay's upstream leg has its own ends: the session's stay those of its listener.
        if (event.leg === undefined) this.remote = event.remote
        this.connectTimes.set(flowKeyOf(event), event.time)
        return
      case 'connected':
        if (event.leg === undefined) {
          this.local = event.local
          this.remote = event.remote
        }
        if (this.protocol === 'tcp') yield* this.connected(event)
        return
      case 'accept':
        yield* this.accepted(event)
        return
      case 'sent':
      case 'received':
        if (this.protocol === 'udp') yield this.datagram(event)
        else yield* this.tcpData(event)
        return
      case 'end':
        yield* this.drawn(event, this.flowOf(event)?.fin('remote'), 'the peer’s FIN')
        return
      case 'half-close':
        yield* this.drawn(event, this.flowOf(event)?.fin('local'), 'our FIN')
        return
      case 'close':
        if (event.scope !== 'listener') yield* this.closed(event)
        return
      default:
        return
    }
  }

  private *connected(event: Extract<SessionEvent, { type: 'connected' }>): Generator<ReconstructedPacket> {
    const key = flowKeyOf(event)
    const flow = this.openFlow(key, event.local, event.remote)
    const syn = this.connectTimes.get(key) ?? event.time
    this.connectTimes.delete(key)
    for (const packet of flow.handshake('local', 'syn'))
      yield this.stamp(packet, syn, commentFor(event, 'our SYN'))
    yield* this.drawn(event, flow.handshake('local', 'rest'), 'the handshake')
  }

  private *accepted(event: Extract<SessionEvent, { type: 'accept' }>): Generator<ReconstructedPacket> {
    const flow = this.openFlow(flowKeyOf(event), event.local, event.remote)
    yield* this.drawn(event, flow.handshake('remote', 'all'), 'the handshake')
  }

  private *tcpData(
    event: Extract<SessionEvent, { type: 'sent' | 'received' }>,
  ): Generator<ReconstructedPacket> {
    // A capture started on an open connection has no handshake: the flow starts with its first bytes.
    const flow =
      this.flowOf(event) ?? this.openFlow(flowKeyOf(event), this.local, event.remote ?? this.remote)
    const side: Side = event.type === 'sent' ? 'local' : 'remote'
    yield* this.drawn(event, flow.data(side, event.data), `${event.byteLength} bytes`)
  }

  private *closed(event: Extract<SessionEvent, { type: 'close' }>): Generator<ReconstructedPacket> {
    const key = flowKeyOf(event)
    const flow = this.flows.get(key)
    if (flow === undefined) return
    this.flows.delete(key)
    switch (event.cause) {
      case 'peer':
        // Their FIN came first (its 'end' drew it, unless the capture began later), then ours answered it.
        yield* this.drawn(event, flow.fin('remote'), 'the peer’s FIN')
        yield* this.drawn(event, flow.fin('local'), 'our FIN')
        return
      case 'local':
      case 'server-closed':
        yield* this.drawn(event, flow.fin('local'), 'our FIN')
        return
      case 'reset':
        yield* this.drawn(event, flow.reset('remote'), 'the peer’s reset')
        return
      case 'aborted':
        yield* this.drawn(event, flow.reset('local'), 'our reset')
        return
      case 'error':
      case 'timeout':
        // The socket was destroyed after a failure: what the kernel sent is unknown; a reset is the likeliest.
        yield* this.drawn(event, flow.reset('local'), `a reset after the ${event.cause}`)
        return
    }
  }

  private datagram(event: Extract<SessionEvent, { type: 'sent' | 'received' }>): ReconstructedPacket {
    const peerEndpoint = event.remote ?? this.remote
    const peer = endOf(peerEndpoint)
    const ours: FlowEnd = {
      address: localAddressFor(this.local?.address, peer.address),
      port: this.local?.port ?? 0,
    }
    const [source, destination] = event.type === 'sent' ? [ours, peer] : [peer, ours]
    const packet = udpPacket(source.address, destination.address, source.port, destination.port, event.data)
    const side: Side = event.type === 'sent' ? 'local' : 'remote'
    return this.stamp(
      { from: side, packet },
      event.time,
      commentFor(event, `a datagram of ${event.byteLength} bytes`),
    )
  }

  private flowOf(event: SessionEvent): TcpFlow | undefined {
    return this.flows.get(flowKeyOf(event))
  }

  private openFlow(key: string, local: Endpoint | undefined, remote: Endpoint | undefined): TcpFlow {
    const peer = endOf(remote)
    const flow = new TcpFlow({
      local: { address: localAddressFor(local?.address, peer.address), port: local?.port ?? 0 },
      remote: peer,
    })
    this.flows.set(key, flow)
    return flow
  }

  private *drawn(
    event: SessionEvent,
    packets: Iterable<FlowPacket> | undefined,
    what: string,
  ): Generator<ReconstructedPacket> {
    if (packets === undefined) return
    const comment = commentFor(event, what)
    for (const packet of packets) yield this.stamp(packet, event.time, comment)
  }

  private stamp({ from, packet }: FlowPacket, time: number, comment: string): ReconstructedPacket {
    return { time, side: from, packet, comment }
  }
}

/** TCP or UDP, from the session kind the header names; a header without a kind we know is not ours to read. */
function protocolOf(header: CaptureHeader): 'tcp' | 'udp' {
  const kind: unknown = (header.session as Partial<CaptureHeader['session']> | undefined)?.kind
  if (typeof kind === 'string' && Object.hasOwn(sessionKinds, kind)) {
    return sessionKinds[kind as keyof typeof sessionKinds].protocol
  }
  throw new CodedError(
    CaptureErrorCode.format,
    `The capture's header names no session kind this version knows (${String(kind)}).`,
  )
}

/** A peer's end of a packet; an unknown peer (never in a complete capture) is the unspecified IPv4 address. */
function endOf(endpoint: Endpoint | undefined): FlowEnd {
  return { address: wireAddress(endpoint?.address ?? '0.0.0.0'), port: endpoint?.port ?? 0 }
}
