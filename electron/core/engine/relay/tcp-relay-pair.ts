import { Socket, type SocketConstructorOpts } from 'node:net'
import type { DuplexOptions } from 'node:stream'
import {
  CodedError,
  type CloseCause,
  type ConnectionInfo,
  type ConnectionStats,
  type Endpoint,
  type RelayDirection,
  type RelayFaults,
  type RelayLeg,
  type TcpRelayOptions,
} from '../../../shared'
import { wrongState } from '../engine-errors'
import { toEndpoint } from '../endpoints'
import { describeErrorCode, toCodedError } from '../error-messages'
import { eventTime, type EventBody, type RelayTags } from '../event-sequencer'
import type { Inbound } from '../pipeline'
import { resolveHost } from '../resolve-host'
import { connectSocket } from '../socket-steps'
import { TcpConnection } from '../tcp-connection'
import { TrafficCounter } from '../traffic-counter'
import { ForwardGate } from './forward-gate'
import { PairReading } from './pair-reading'
import { DirectionFlow, RELAY_SOCKET_HIGH_WATER } from './relay-flow'
import { WriteBatch } from './write-batch'

/** What a pair needs from its relay session. */
export interface PairContext {
  sessionId: string
  options: TcpRelayOptions
  /** The session's faults now (they may change while the upstream connects). */
  faults(): RelayFaults
  maxQueuedBytes: number
  sessionCounter: TrafficCounter
  emit(body: EventBody, leg: RelayLeg): void
  emitData(type: 'sent', data: Uint8Array, remote: Endpoint | undefined, tags: RelayTags): void
  /** The leg's inbound pipeline: counts each chunk and emits its row (and frames) with `tags`. */
  receiver(counter: TrafficCounter, tags: RelayTags, reply: (data: Uint8Array) => Promise<unknown>): Inbound
  onClosed(): void
}

/** Causes that mean the far side broke: the other leg is reset too, as a direct connection would have been. */
const ABORTIVE: ReadonlySet<CloseCause> = new Set(['reset', 'aborted', 'error', 'timeout'])

const CLIENT_TAGS = {
  received: { leg: 'client', direction: 'to-upstream' },
  sent: { leg: 'client', direction: 'to-client' },
} as const satisfies Record<string, RelayTags>

const UPSTREAM_TAGS = {
  received: { leg: 'upstream', direction: 'to-client' },
  sent: { leg: 'upstream', direction: 'to-upstream' },
} as const satisfies Record<string, RelayTags>

const ignore = (): void => undefined

/** net.Socket hands stream options on to its Duplex (as net.Server does for the sockets it accepts). */
const UPSTREAM_SOCKET_OPTIONS: SocketConstructorOpts & DuplexOptions = {
  allowHalfOpen: true,
  writableHighWaterMark: RELAY_SOCKET_HIGH_WATER,
}

/**
 * One accepted client and its own connection to the upstream. Each direction reads from one socket, passes a
 * ForwardGate (faults) and writes to the other; reading stops while the far side is behind (DirectionFlow).
 * A FIN is passed on once what came before it was written; a reset (or error) on one side resets the other.
 */
export class TcpRelayPair {
  private readonly client: TcpConnection
  private readonly clientSocket: Socket
  private upstream: TcpConnection | undefined
  private upstreamSocket: Socket | undefined
  private readonly clientCounter: TrafficCounter
  private readonly upstreamCounter: TrafficCounter
  private readonly clientInbound: Inbound
  private upstreamInbound: Inbound | undefined
  private toUpstream: ForwardGate | undefined
  private toClient: ForwardGate | undefined
  private toUpstreamFlow: DirectionFlow | undefined
  private toClientFlow: DirectionFlow | undefined
  private reading: PairReading | undefined
  /** The upstream leg is over: its connection closed, or it never opened. */
  private upstreamDone = false
  private finished = false
  private connectTimer: ReturnType<typeof setTimeout> | undefined
  private clientClosed = false

  constructor(
    readonly id: string,
    socket: Socket,
    private readonly context: PairContext,
  ) {
    this.clientSocket = socket
    this.clientCounter = new TrafficCounter(context.sessionCounter)
    this.upstreamCounter = new TrafficCounter(context.sessionCounter)
    const remote = toEndpoint(socket.remoteAddress ?? '', socket.remotePort ?? 0)
    this.clientInbound = context.receiver(this.clientCounter, CLIENT_TAGS.received, (data) =>
      this.inject('to-client', data),
    )
    this.client = new TcpConnection(socket, {
      sessionId: context.sessionId,
      emit: (body) => context.emit(body, 'client'),
      emitData: (type, data, peer) => context.emitData(type, data, peer, CLIENT_TAGS.sent),
      receive: (data, peer) => {
        this.clientInbound.receive(data, peer)
        this.toUpstream!.push(data)
        this.toUpstreamFlow!.added()
      },
      counter: this.clientCounter,
      remote,
      remoteOnData: true,
      halfOpen: true,
      maxQueuedBytes: context.maxQueuedBytes,
      onPeerFin: () => this.passFin(this.toUpstream, () => this.upstream),
      onClosed: (cause) => this.onClientClosed(cause),
    })
    // Nothing is read from the client until its upstream connection is there to take it.
    this.client.pause()
    context.emit({ type: 'accept', local: this.client.local, remote }, 'client')
  }

  get canInject(): boolean {
    return this.toUpstream !== undefined && !this.clientClosed
  }

  /** Opens the upstream connection; on failure the client is reset and the failure reported with its code. */
  async connectUpstream(): Promise<void> {
    const { options } = this.context
    const socket = new Socket(UPSTREAM_SOCKET_OPTIONS)
    this.upstreamSocket = socket
    const timedOut = new Promise<never>((_resolve, reject) => {
      this.connectTimer = setTimeout(() => reject(this.timeoutError()), options.connectTimeoutMs)
    })
    try {
      const resolved = await Promise.race([
        resolveHost(options.upstreamHost, 'auto', ({ address, family }) =>
          this.context.emit({ type: 'lookup', host: options.upstreamHost, address, family }, 'upstream'),
        ),
        timedOut,
      ])
      if (this.clientClosed) throw new Error('socket step abandoned')
      const remote = toEndpoint(resolved.address, options.upstreamPort)
      this.context.emit({ type: 'connect', remote }, 'upstream')
      const startedAt = eventTime()
      await Promise.race([
        connectSocket(socket, { host: resolved.address, port: options.upstreamPort }),
        timedOut,
      ])
      this.onUpstreamConnected(socket, remote, eventTime() - startedAt)
    } catch (thrown) {
      socket.destroy()
      this.upstreamDone = true
      if (this.clientClosed) {
        this.finishIfDone()
        return
      }
      const error = toCodedError(
        thrown,
        { host: options.upstreamHost, port: options.upstreamPort },
        this.context.sessionId,
      )
      this.context.emit({ type: 'error', error: error.toInfo() }, 'upstream')
      this.context.emit(
        { type: 'close', scope: 'connection', cause: error.code === 'ETIMEDOUT' ? 'timeout' : 'error' },
        'upstream',
      )
      // The client learns the upstream is not there the way a direct attempt would have: a reset.
      void this.client.reset()
    } finally {
      clearTimeout(this.connectTimer)
    }
  }

  setFaults(faults: RelayFaults): void {
    this.toUpstream?.setFaults(faults.toUpstream)
    this.toClient?.setFaults(faults.toClient)
    this.reading?.apply(faults)
  }

  /** Puts `data` into one direction after what already waits there (so it passes the same faults). */
  async inject(direction: RelayDirection, data: Uint8Array): Promise<number> {
    const gate = direction === 'to-upstream' ? this.toUpstream : this.toClient
    if (gate === undefined || !this.canInject) {
      throw wrongState(
        this.context.sessionId,
        `cannot inject into pair ${this.id}: it is not connected both ways`,
      )
    }
    gate.push(data)
    return data.byteLength
  }

  /** Both sockets get an RST at once; what waited is dropped. */
  async reset(): Promise<void> {
    if (this.upstream === undefined) this.upstreamSocket?.destroy()
    await Promise.all([this.client.reset(), this.upstream?.reset()])
  }

  /** Both sockets get a FIN after what is queued for them. */
  async close(cause: CloseCause): Promise<void> {
    if (this.upstream === undefined) this.upstreamSocket?.destroy()
    await Promise.all([this.client.close(cause), this.upstream?.close(cause)])
  }

  queuedBytes(): number {
    return (
      this.client.queuedBytes() +
      (this.upstream?.queuedBytes() ?? 0) +
      (this.toUpstream?.heldBytes ?? 0) +
      (this.toClient?.heldBytes ?? 0)
    )
  }

  stats(): ConnectionStats {
    return this.client.stats()
  }

  info(): ConnectionInfo {
    const info: ConnectionInfo = {
      id: this.id,
      remote: this.client.remote,
      local: this.client.local,
      since: this.client.since,
      state: this.client.state,
      stats: this.client.stats(),
    }
    if (this.upstream !== undefined) {
      info.upstream = {
        local: this.upstream.local,
        remote: this.upstream.remote,
        stats: this.upstream.stats(),
      }
    }
    return info
  }

  private onUpstreamConnected(socket: Socket, remote: Endpoint, latencyMs: number): void {
    socket.setNoDelay(true)
    const { context } = this
    this.upstreamInbound = context.receiver(this.upstreamCounter, UPSTREAM_TAGS.received, (data) =>
      this.inject('to-upstream', data),
    )
    const upstream = new TcpConnection(socket, {
      sessionId: context.sessionId,
      emit: (body) => context.emit(body, 'upstream'),
      emitData: (type, data, peer) => context.emitData(type, data, peer, UPSTREAM_TAGS.sent),
      receive: (data, peer) => {
        this.upstreamInbound!.receive(data, peer)
        this.toClient!.push(data)
        this.toClientFlow!.added()
      },
      counter: this.upstreamCounter,
      remote,
      remoteOnData: true,
      halfOpen: true,
      maxQueuedBytes: context.maxQueuedBytes,
      onPeerFin: () => this.passFin(this.toClient, () => this.client),
      onClosed: (cause) => this.onUpstreamClosed(cause),
    })
    this.upstream = upstream
    context.emit({ type: 'connected', local: upstream.local, remote, latencyMs }, 'upstream')
    this.reading = new PairReading(this.client, upstream)
    this.toUpstreamFlow = new DirectionFlow(this.reading.toUpstream.backpressure, () =>
      this.waitingFor(this.toUpstream, upstream),
    )
    this.toClientFlow = new DirectionFlow(this.reading.toClient.backpressure, () =>
      this.waitingFor(this.toClient, this.client),
    )
    this.toUpstream = this.gate(context.faults().toUpstream, upstream, socket, () =>
      this.toUpstreamFlow!.drained(),
    )
    this.toClient = this.gate(context.faults().toClient, this.client, this.clientSocket, () =>
      this.toClientFlow!.drained(),
    )
    this.client.resume()
    this.reading.apply(context.faults())
  }

  private gate(
    faults: RelayFaults['toUpstream'],
    target: TcpConnection,
    targetSocket: Socket,
    drained: () => void,
  ): ForwardGate {
    const batch = new WriteBatch(targetSocket)
    return new ForwardGate(faults, {
      deliver: (data) => {
        // A refused write means the far socket closed: its close event tells the rest.
        batch.write(data.byteLength, () => {
          target.send(data).then(drained, ignore)
        })
      },
      // Only the reset fault stops a chunk of a stream (the session refuses a drop rate for a TCP relay).
      dropped: (data) => this.resetByFault(data, target === this.client ? 'to-client' : 'to-upstream'),
      released: drained,
    })
  }

  /** The reset fault drew a chunk: it is reported, not forwarded, and both legs get an RST. */
  private resetByFault(data: Uint8Array, direction: RelayDirection): void {
    const leg = direction === 'to-upstream' ? 'client' : 'upstream'
    this.context.emit({ type: 'dropped', byteLength: data.byteLength, reason: 'reset', direction }, leg)
    void this.reset()
  }

  private waitingFor(gate: ForwardGate | undefined, target: TcpConnection): number {
    return (gate?.heldBytes ?? 0) + target.queuedBytes()
  }

  /** The peer's FIN follows what it sent before it: once the gate handed all of that on, the far side gets FIN. */
  private passFin(gate: ForwardGate | undefined, target: () => TcpConnection | undefined): void {
    gate?.whenDrained(() => {
      const far = target()
      if (far?.canSend) far.halfClose().catch(ignore)
    })
  }

  private onClientClosed(cause: CloseCause): void {
    this.clientClosed = true
    this.clientInbound.end()
    this.toClient?.dispose()
    this.context.emit({ type: 'close', scope: 'connection', cause }, 'client')
    if (this.upstream === undefined) this.upstreamSocket?.destroy()
    else if (this.upstream.state !== 'closed') this.follow(this.upstream, cause)
    this.finishIfDone()
  }

  private onUpstreamClosed(cause: CloseCause): void {
    this.upstreamInbound?.end()
    this.toUpstream?.dispose()
    this.context.emit({ type: 'close', scope: 'connection', cause }, 'upstream')
    this.upstreamDone = true
    if (this.client.state !== 'closed') this.follow(this.client, cause)
    this.finishIfDone()
  }

  /** One leg is gone: the other follows the same way (reset for a reset or failure, else FIN after its queue). */
  private follow(other: TcpConnection, cause: CloseCause): void {
    if (ABORTIVE.has(cause)) void other.reset()
    else void other.close('peer')
  }

  private finishIfDone(): void {
    if (this.finished || !this.clientClosed || !this.upstreamDone) return
    this.finished = true
    this.context.onClosed()
  }

  private timeoutError(): CodedError {
    const { upstreamHost: host, upstreamPort: port, connectTimeoutMs } = this.context.options
    return new CodedError(
      'ETIMEDOUT',
      describeErrorCode('ETIMEDOUT', { host, port, timeoutMs: connectTimeoutMs }),
      this.context.sessionId,
    )
  }
}
