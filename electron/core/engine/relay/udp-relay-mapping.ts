import { createSocket, type Socket as DgramSocket } from 'node:dgram'
import type {
  ConnectionInfo,
  ConnectionStats,
  Endpoint,
  RelayDirection,
  RelayFaults,
  RelayLeg,
} from '../../../shared'
import { toCodedError } from '../error-messages'
import type { EventBody, RelayTags } from '../event-sequencer'
import type { Inbound } from '../pipeline'
import { bindDgram, connectDgram } from '../socket-steps'
import { TrafficCounter } from '../traffic-counter'
import { ForwardGate } from './forward-gate'

/**
 * Bytes of datagrams that may wait in one direction of one mapping (a pause, a delay, a rate limit); past it
 * new datagrams are dropped and reported, as a full router queue would.
 */
export const UDP_MAX_HELD_BYTES = 4 * 1024 * 1024

/** What a mapping needs from its relay session. */
export interface MappingContext {
  sessionId: string
  faults: RelayFaults
  idleTimeoutMs: number
  upstream: Endpoint
  sessionCounter: TrafficCounter
  /** Sends a datagram to the client from the relay's own socket. */
  sendToClient(data: Uint8Array, client: Endpoint, done: (error: Error | null) => void): void
  emit(body: EventBody, leg: RelayLeg): void
  emitData(type: 'sent', data: Uint8Array, remote: Endpoint, tags: RelayTags): void
  receiver(counter: TrafficCounter, tags: RelayTags): Inbound
  onClosed(cause: 'timeout' | 'local' | 'error'): void
}

const CLIENT_RECEIVED: RelayTags = { leg: 'client', direction: 'to-upstream' }
const CLIENT_SENT: RelayTags = { leg: 'client', direction: 'to-client' }
const UPSTREAM_RECEIVED: RelayTags = { leg: 'upstream', direction: 'to-client' }
const UPSTREAM_SENT: RelayTags = { leg: 'upstream', direction: 'to-upstream' }

/**
 * One client endpoint of a UDP relay and its own socket to the upstream (connected, so only the upstream's
 * replies arrive on it, and each reply goes back to this client). Forgotten after `idleTimeoutMs` without a
 * datagram either way.
 */
export class UdpRelayMapping {
  private readonly socket: DgramSocket
  private readonly clientCounter: TrafficCounter
  private readonly upstreamCounter: TrafficCounter
  private readonly clientInbound: Inbound
  private readonly upstreamInbound: Inbound
  private readonly toUpstream: ForwardGate
  private readonly toClient: ForwardGate
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false
  readonly since = Date.now()

  constructor(
    readonly id: string,
    readonly client: Endpoint,
    private readonly context: MappingContext,
  ) {
    this.clientCounter = new TrafficCounter(context.sessionCounter)
    this.upstreamCounter = new TrafficCounter(context.sessionCounter)
    this.clientInbound = context.receiver(this.clientCounter, CLIENT_RECEIVED)
    this.upstreamInbound = context.receiver(this.upstreamCounter, UPSTREAM_RECEIVED)
    this.socket = createSocket(context.upstream.family === 'IPv6' ? 'udp6' : 'udp4')
    this.toUpstream = this.gate('to-upstream', context.faults.toUpstream, (data) => this.writeUpstream(data))
    this.toClient = this.gate('to-client', context.faults.toClient, (data) => this.writeClient(data))
    // Datagrams wait in the gate until the upstream socket is bound and connected.
    this.toUpstream.setBlocked(true)
    this.socket.on('message', this.onUpstreamMessage)
    this.socket.on('error', this.onUpstreamError)
    this.touch()
  }

  /** Binds an ephemeral port and connects it to the upstream; a failure closes the mapping. */
  async open(): Promise<void> {
    try {
      await bindDgram(this.socket, { port: 0 })
      await connectDgram(this.socket, this.context.upstream.port, this.context.upstream.address)
    } catch (thrown) {
      if (this.closed) return
      this.reportUpstreamError(thrown)
      this.close('error')
      return
    }
    const local = this.socket.address()
    this.context.emit(
      {
        type: 'connected',
        local: {
          address: local.address,
          port: local.port,
          family: local.family === 'IPv6' ? 'IPv6' : 'IPv4',
        },
        remote: this.context.upstream,
        latencyMs: 0,
      },
      'upstream',
    )
    this.toUpstream.setBlocked(false)
  }

  /** A datagram from the client. */
  fromClient(data: Uint8Array): void {
    this.touch()
    this.clientInbound.receive(data, this.client)
    this.toUpstream.push(data)
  }

  setFaults(faults: RelayFaults): void {
    this.toUpstream.setFaults(faults.toUpstream)
    this.toClient.setFaults(faults.toClient)
  }

  inject(direction: RelayDirection, data: Uint8Array): void {
    ;(direction === 'to-upstream' ? this.toUpstream : this.toClient).push(data)
  }

  heldBytes(): number {
    return this.toUpstream.heldBytes + this.toClient.heldBytes
  }

  stats(): ConnectionStats {
    return { ...this.clientCounter.snapshot(), queuedBytes: this.toClient.heldBytes }
  }

  info(): ConnectionInfo {
    return {
      id: this.id,
      remote: this.client,
      local: this.client,
      since: this.since,
      state: this.closed ? 'closed' : 'open',
      stats: this.stats(),
      upstream: {
        remote: this.context.upstream,
        stats: { ...this.upstreamCounter.snapshot(), queuedBytes: this.toUpstream.heldBytes },
      },
    }
  }

  close(cause: 'timeout' | 'local' | 'error'): void {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.idleTimer)
    this.toUpstream.dispose()
    this.toClient.dispose()
    this.clientInbound.end()
    this.upstreamInbound.end()
    this.socket.off('message', this.onUpstreamMessage)
    // 'error' stays attached: a late ICMP report after close must not become an uncaught exception.
    this.socket.close()
    this.context.emit({ type: 'close', scope: 'connection', cause }, 'upstream')
    this.context.onClosed(cause)
  }

  private gate(
    direction: RelayDirection,
    faults: RelayFaults['toUpstream'],
    deliver: (data: Uint8Array) => void,
  ): ForwardGate {
    const leg: RelayLeg = direction === 'to-upstream' ? 'client' : 'upstream'
    return new ForwardGate(
      faults,
      {
        deliver,
        dropped: (data, reason) =>
          this.context.emit({ type: 'dropped', byteLength: data.byteLength, reason, direction }, leg),
        released: () => undefined,
      },
      UDP_MAX_HELD_BYTES,
    )
  }

  private writeUpstream(data: Uint8Array): void {
    this.socket.send(data, (error) => {
      if (error) return this.reportUpstreamError(error)
      this.upstreamCounter.countOut(data.byteLength)
      this.context.emitData('sent', data, this.context.upstream, UPSTREAM_SENT)
    })
  }

  private writeClient(data: Uint8Array): void {
    this.context.sendToClient(data, this.client, (error) => {
      if (error) {
        const coded = toCodedError(
          error,
          { host: this.client.address, port: this.client.port },
          this.context.sessionId,
        )
        this.context.emit({ type: 'error', error: coded.toInfo() }, 'client')
        return
      }
      this.clientCounter.countOut(data.byteLength)
      this.context.emitData('sent', data, this.client, CLIENT_SENT)
    })
  }

  private touch(): void {
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => this.close('timeout'), this.context.idleTimeoutMs)
  }

  private reportUpstreamError(thrown: unknown): void {
    const { address, port } = this.context.upstream
    const error = toCodedError(thrown, { host: address, port }, this.context.sessionId)
    this.context.emit({ type: 'error', error: error.toInfo() }, 'upstream')
  }

  private readonly onUpstreamMessage = (data: Buffer): void => {
    this.touch()
    this.upstreamInbound.receive(data, this.context.upstream)
    this.toClient.push(data)
  }

  /** A connected UDP socket hears the upstream's ICMP "port unreachable" as ECONNREFUSED: reported, kept. */
  private readonly onUpstreamError = (error: Error): void => {
    if (!this.closed) this.reportUpstreamError(error)
  }
}
