import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type {
  ConnectionInfo,
  ConnectionStats,
  DisconnectCommand,
  InjectCommand,
  RelayFaults,
  SendReceipt,
  TcpRelayOptions,
} from '../../../shared'
import { connectionRefusedAtLimit, notSupported, unknownConnection, wrongState } from '../engine-errors'
import { formatEndpoint, toEndpoint } from '../endpoints'
import { toCodedError } from '../error-messages'
import { resolveHost } from '../resolve-host'
import { SessionBase } from '../session-base'
import { listenServer } from '../socket-steps'
import { refuseForeignFaults } from './relay-faults'
import { RELAY_SOCKET_HIGH_WATER } from './relay-flow'
import { TcpRelayPair } from './tcp-relay-pair'

/** Counters of closed pairs kept for late readers (the event batcher). */
const FINISHED_STATS_KEPT = 1_000

/**
 * A TCP proxy: listens like a server; each accepted client gets its own connection to the upstream, and the
 * two are piped both ways (TcpRelayPair). The pair's id is the client connection's id on every event, with the
 * leg ('client', 'upstream') and, on data rows, the direction ('to-upstream', 'to-client').
 */
export class TcpRelaySession extends SessionBase<TcpRelayOptions> {
  private readonly server: Server = createServer({
    allowHalfOpen: true,
    pauseOnConnect: true,
    highWaterMark: RELAY_SOCKET_HIGH_WATER,
  })
  private isListening = false
  private opening: Promise<void> | undefined
  private listenerClosed: Promise<void> | undefined
  private readonly pairs = new Map<string, TcpRelayPair>()
  private readonly finishedStats = new Map<string, ConnectionStats>()
  private acceptedCount = 0

  open(): Promise<void> {
    this.opening = this.listen()
    return this.opening
  }

  private async listen(): Promise<void> {
    const { options, server } = this
    this.begin('tcp')
    try {
      refuseForeignFaults(this.id, 'streams', options.faults)
      server.maxConnections = options.maxConnections
      server.on('connection', this.onConnection)
      server.on('drop', this.onDrop)
      const host =
        options.host === undefined
          ? undefined
          : (
              await resolveHost(options.host, 'auto', ({ address, family }) =>
                this.emit({ type: 'lookup', host: options.host!, address, family }),
              )
            ).address
      await listenServer(server, { host, port: options.port })
    } catch (thrown) {
      const error = toCodedError(thrown, { host: options.host ?? '::', port: options.port }, this.id)
      this.endWithError(error, 'error')
      throw error
    }
    server.on('error', this.onServerError)
    const address = server.address() as AddressInfo
    this.local = toEndpoint(address.address, address.port)
    this.isListening = true
    this.emit({ type: 'bind', local: this.local })
    this.emit({ type: 'listen', local: this.local, backlog: 511 })
    this.setState('listening')
  }

  /** Stops listening and closes every pair (FIN both ways after what is queued). */
  async close(): Promise<void> {
    await this.opening?.catch(() => undefined)
    if (this.isListening) {
      this.isListening = false
      this.listenerClosed = new Promise((resolve) => this.server.once('close', resolve))
      this.server.close()
      this.emit({ type: 'close', scope: 'listener', cause: 'local' })
    }
    await Promise.all([...this.pairs.values()].map((pair) => pair.close('server-closed')))
    await this.listenerClosed
    if (this.isOpen) this.endSession('local')
  }

  async send(): Promise<SendReceipt> {
    throw notSupported(this.id, this.options.kind, 'send on its own: inject into a pair instead')
  }

  setFaults(faults: RelayFaults): void {
    if (!this.isOpen) throw wrongState(this.id, `cannot change its faults: it is ${this.state}`)
    refuseForeignFaults(this.id, 'streams', faults)
    this.replaceOptions({ ...this.options, faults })
    for (const pair of this.pairs.values()) pair.setFaults(faults)
  }

  async inject({ connectionId, direction, data }: InjectCommand): Promise<SendReceipt> {
    const bytes = await this.pair(connectionId).inject(direction, data)
    return { bytes, targets: 1 }
  }

  /** reset: RST to both the client and its upstream; graceful: FIN to both after what is queued. */
  async disconnect(command: DisconnectCommand): Promise<void> {
    const targets =
      command.connectionId === undefined ? [...this.pairs.values()] : [this.pair(command.connectionId)]
    await Promise.all(targets.map((pair) => (command.mode === 'reset' ? pair.reset() : pair.close('local'))))
  }

  connectionStats(connectionId: string): ConnectionStats | undefined {
    return this.pairs.get(connectionId)?.stats() ?? this.finishedStats.get(connectionId)
  }

  protected queuedBytes(): number {
    let queued = 0
    for (const pair of this.pairs.values()) queued += pair.queuedBytes()
    return queued
  }

  protected openConnections(): number {
    return this.pairs.size
  }

  protected listening(): boolean {
    return this.isListening
  }

  protected connectionInfos(): ConnectionInfo[] {
    return [...this.pairs.values()].map((pair) => pair.info())
  }

  private pair(connectionId: string): TcpRelayPair {
    if (!this.isOpen) throw wrongState(this.id, `is ${this.state}`)
    const pair = this.pairs.get(connectionId)
    if (pair === undefined) throw unknownConnection(this.id, connectionId)
    return pair
  }

  private readonly onConnection = (socket: Socket): void => {
    this.acceptedCount += 1
    const id = `c${this.acceptedCount}`
    const pair: TcpRelayPair = new TcpRelayPair(id, socket, {
      sessionId: this.id,
      options: this.options,
      faults: () => this.options.faults,
      maxQueuedBytes: this.settings.maxQueuedBytes,
      sessionCounter: this.counter,
      emit: (body, leg) => this.emit({ ...body, connectionId: id, leg }),
      emitData: (type, data, remote, tags) => this.emitData(type, data, remote, id, tags),
      receiver: (counter, tags, reply) => this.receiver(counter, id, (data) => reply(data), tags),
      onClosed: () => this.onPairClosed(pair),
    })
    this.pairs.set(id, pair)
    void pair.connectUpstream()
  }

  private onPairClosed(pair: TcpRelayPair): void {
    this.pairs.delete(pair.id)
    this.finishedStats.set(pair.id, pair.stats())
    if (this.finishedStats.size > FINISHED_STATS_KEPT) {
      this.finishedStats.delete(this.finishedStats.keys().next().value!)
    }
  }

  private readonly onDrop = (drop?: { remoteAddress?: string; remotePort?: number }): void => {
    const remote = formatEndpoint(drop?.remoteAddress ?? '?', drop?.remotePort ?? 0)
    this.reportError(connectionRefusedAtLimit(this.id, remote, this.options.maxConnections))
  }

  private readonly onServerError = (thrown: Error): void => {
    this.reportError(toCodedError(thrown, { host: this.local?.address, port: this.local?.port }, this.id))
  }
}
