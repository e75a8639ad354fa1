import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type {
  CloseCause,
  ConnectionInfo,
  ConnectionStats,
  DisconnectCommand,
  Endpoint,
  HalfCloseCommand,
  SendCommand,
  SendReceipt,
  TcpServerOptions,
} from '../../shared'
import { connectionRefusedAtLimit, noOpenConnections, unknownConnection, wrongState } from './engine-errors'
import { formatEndpoint, toEndpoint } from './endpoints'
import { toCodedError } from './error-messages'
import type { EventBody } from './event-sequencer'
import { resolveHost } from './resolve-host'
import { SessionBase } from './session-base'
import { listenServer } from './socket-steps'
import { TcpConnection } from './tcp-connection'
import { TrafficCounter } from './traffic-counter'
import { TlsAcceptor, createTlsServer, type TlsAcceptorHooks } from '../tls'

/** Counters of closed connections kept for late readers (the event batcher), most recent first out last. */
const FINISHED_STATS_KEPT = 1_000

const localOf = (socket: Socket): Endpoint => ({
  address: socket.localAddress ?? '',
  port: socket.localPort ?? 0,
  family: socket.localFamily === 'IPv6' ? 'IPv6' : 'IPv4',
})

interface DropInfo {
  remoteAddress?: string
  remotePort?: number
}

/**
 * socket() → bind() → listen() → accept() → send()/recv() → close(). Every accept() yields its own
 * connection with its own id; closing the listener is not closing a connection, and the events say which.
 */
export class TcpServerSession extends SessionBase<TcpServerOptions> {
  /** The listening socket; a new one after stop-listening and resume (the old one closes with its last client). A
   * TLS listener replaces it when the session opens with TLS (its credentials are read first). */
  private server: Server = createServer({ allowHalfOpen: true })
  /** Under TLS: the connections accepted whose handshake is still running. */
  private acceptor: TlsAcceptor | undefined
  private isListening = false
  /** Set while resumeListening() binds a new listener: close() waits for it, and the session does not end. */
  private resuming: Promise<void> | undefined
  private opening: Promise<void> | undefined
  private listenerClosed: Promise<void> | undefined
  private readonly connections = new Map<string, TcpConnection>()
  private readonly finishedStats = new Map<string, ConnectionStats>()
  private acceptedCount = 0

  /** Opening again means the same address: a port the system picked (0) is kept as the one it picked. */
  reopenOptions(): TcpServerOptions {
    const { options, local } = this
    return options.port === 0 && local !== undefined ? { ...options, port: local.port } : options
  }

  open(): Promise<void> {
    this.opening = this.listen()
    return this.opening
  }

  private async listen(): Promise<void> {
    const { options } = this
    // Credentials are read and checked before any socket exists: a bad file opens nothing.
    try {
      await this.prepareTls()
    } catch (thrown) {
      const error = toCodedError(thrown, { host: options.host ?? '::', port: options.port }, this.id)
      this.endWithError(error, 'error')
      throw error
    }
    this.begin('tcp')
    try {
      const host =
        options.host === undefined
          ? undefined
          : (
              await resolveHost(options.host, 'auto', ({ address, family }) =>
                this.emit({ type: 'lookup', host: options.host!, address, family }),
              )
            ).address
      await this.startListener(host, options.port)
    } catch (thrown) {
      const error = toCodedError(thrown, { host: options.host ?? '::', port: options.port }, this.id)
      this.endWithError(error, 'error')
      throw error
    }
  }

  /** Under TLS, a TLS listener (and its acceptor) takes the place of the plain one. */
  private async prepareTls(): Promise<void> {
    const { tls } = this.options
    if (tls === undefined) return
    const tlsServer = await createTlsServer(tls)
    this.acceptor = new TlsAcceptor(tlsServer, tls, this.id, this.tlsHooks)
    this.server = tlsServer
  }

  /** bind() and listen() on `this.server`, then the events and the state that say so. */
  private async startListener(host: string | undefined, port: number): Promise<void> {
    const { options, server } = this
    server.maxConnections = options.maxConnections
    // Under TLS the acceptor hands on each connection once its handshake is done.
    if (this.acceptor === undefined) server.on('connection', this.onConnection)
    server.on('drop', this.onDrop)
    await listenServer(server, {
      host,
      port,
      backlog: options.backlog,
      ipv6Only: options.ipv6Only,
      exclusive: options.exclusive,
    })
    server.on('error', this.onServerError)
    const address = server.address() as AddressInfo
    this.local = toEndpoint(address.address, address.port)
    this.isListening = true
    this.emit({ type: 'bind', local: this.local })
    this.emit({ type: 'listen', local: this.local, backlog: options.backlog })
    this.setState('listening')
  }

  /**
   * Listens again where it listened before, on a new listening socket: the old one stays open, unlistened, until
   * its last accepted client closes (Node closes a server only then). A refusal (the port taken meanwhile) keeps
   * the session as it was: its clients stay connected.
   */
  async resumeListening(): Promise<void> {
    if (!this.isOpen) throw wrongState(this.id, `is ${this.state}: open it again instead`)
    if (this.isListening || this.resuming !== undefined) throw wrongState(this.id, 'is already listening')
    this.resuming = this.listenAgain(this.local!)
    try {
      await this.resuming
    } finally {
      this.resuming = undefined
      // The last client may have left meanwhile: without a listener, that ends the session.
      this.endIfNothingLeft()
    }
  }

  private async listenAgain(local: Endpoint): Promise<void> {
    this.server = createServer({ allowHalfOpen: true })
    try {
      await this.prepareTls()
      await this.startListener(local.address, local.port)
    } catch (thrown) {
      this.server.off('connection', this.onConnection)
      this.server.off('drop', this.onDrop)
      const error = toCodedError(thrown, { host: local.address, port: local.port }, this.id)
      this.reportError(error)
      throw error
    }
  }

  async stopListening(): Promise<void> {
    if (!this.isListening) throw wrongState(this.id, 'is not listening')
    this.closeListener()
    this.endIfNothingLeft()
  }

  /** Closes the listener and every connection; each connection's close cause is 'server-closed'. */
  async close(): Promise<void> {
    await this.opening?.catch(() => undefined)
    await this.resuming?.catch(() => undefined)
    if (this.isListening) this.closeListener()
    this.acceptor?.abortAll()
    await Promise.all([...this.connections.values()].map((connection) => connection.close('server-closed')))
    await this.listenerClosed
    this.endIfNothingLeft()
  }

  async send(command: SendCommand): Promise<SendReceipt> {
    this.refuseDestination(command)
    const everyone = command.connectionId === undefined || command.connectionId === 'all'
    const selected = this.select(command.connectionId)
    // 'all' skips connections that sent their FIN; a named connection answers for itself.
    const targets = everyone ? selected.filter((connection) => connection.canSend) : selected
    if (targets.length === 0) throw noOpenConnections(this.id)
    const results = await Promise.allSettled(targets.map((connection) => connection.send(command.data)))
    const sent = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    const failed = results.find((result) => result.status === 'rejected')
    if (sent.length === 0 && failed !== undefined) throw failed.reason
    return { bytes: sent.reduce((sum, bytes) => sum + bytes, 0), targets: sent.length }
  }

  async halfClose(command: HalfCloseCommand): Promise<void> {
    await Promise.all(this.select(command.connectionId).map((connection) => connection.halfClose()))
  }

  async disconnect(command: DisconnectCommand): Promise<void> {
    const targets = this.select(command.connectionId)
    await Promise.all(
      targets.map((connection) =>
        command.mode === 'reset' ? connection.reset() : connection.close('local'),
      ),
    )
  }

  connectionStats(connectionId: string): ConnectionStats | undefined {
    return this.connections.get(connectionId)?.stats() ?? this.finishedStats.get(connectionId)
  }

  protected queuedBytes(): number {
    let queued = 0
    for (const connection of this.connections.values()) queued += connection.queuedBytes()
    return queued
  }

  protected openConnections(): number {
    return this.connections.size + (this.acceptor?.handshaking ?? 0)
  }

  protected listening(): boolean {
    return this.isListening
  }

  protected connectionInfos(): ConnectionInfo[] {
    return [...this.connections].map(([id, connection]) => ({
      id,
      remote: connection.remote,
      local: connection.local,
      since: connection.since,
      state: connection.state,
      stats: connection.stats(),
    }))
  }

  /** One connection id, or every open connection when it is omitted or 'all'. */
  private select(connectionId: string | undefined): TcpConnection[] {
    if (!this.isOpen) throw wrongState(this.id, `is ${this.state}`)
    if (connectionId === undefined || connectionId === 'all') {
      if (this.connections.size === 0) throw noOpenConnections(this.id)
      return [...this.connections.values()]
    }
    const connection = this.connections.get(connectionId)
    if (connection === undefined) throw unknownConnection(this.id, connectionId)
    return [connection]
  }

  private closeListener(): void {
    this.isListening = false
    this.listenerClosed = new Promise((resolve) => this.server.once('close', resolve))
    this.server.close()
    this.emit({ type: 'close', scope: 'listener', cause: 'local' })
    if (this.connections.size > 0) this.setState('connected')
  }

  /** With no listener and no connection left there is no socket left: the session is over. */
  private endIfNothingLeft(): void {
    if (this.isOpen && !this.isListening && this.resuming === undefined && this.openConnections() === 0) {
      this.endSession('local')
    }
  }

  private readonly onConnection = (socket: Socket): void => {
    this.attach(this.accept(socket), socket, socket)
  }

  /** accept(): a new connection id and its 'accept' step. */
  private accept(socket: Socket): string {
    this.acceptedCount += 1
    const id = `c${this.acceptedCount}`
    const remote = toEndpoint(socket.remoteAddress ?? '', socket.remotePort ?? 0)
    this.emit({ type: 'accept', local: localOf(socket), remote, connectionId: id })
    return id
  }

  private readonly tlsHooks: TlsAcceptorHooks = {
    accepted: (raw) => this.accept(raw),
    secured: (id, socket, raw, details) => {
      this.reportTls(details, id)
      this.attach(id, socket, raw)
    },
    failed: (id, error, closedBy) => {
      if (error !== undefined) this.emit({ type: 'error', error: error.toInfo(), connectionId: id })
      const cause: CloseCause = error !== undefined ? 'error' : closedBy === 'here' ? 'server-closed' : 'peer'
      this.emit({ type: 'close', scope: 'connection', cause, connectionId: id })
      this.endIfNothingLeft()
    },
  }

  /** Traffic on an accepted connection (under TLS, once its handshake succeeded). */
  private attach(id: string, socket: Socket, tcp: Socket | undefined): void {
    const remote = toEndpoint(socket.remoteAddress ?? '', socket.remotePort ?? 0)
    const emit = (body: EventBody): void => this.emit({ ...body, connectionId: id })
    const counter = new TrafficCounter(this.counter)
    const inbound = this.receiver(counter, id, (data) =>
      this.send({ sessionId: this.id, data, connectionId: id }),
    )
    const connection = new TcpConnection(socket, {
      sessionId: this.id,
      emit,
      emitData: (type, data, peer) => this.emitData(type, data, peer, id),
      receive: inbound.receive,
      counter,
      remote,
      remoteOnData: true,
      halfOpen: this.options.halfOpen,
      maxQueuedBytes: this.settings.maxQueuedBytes,
      ...(tcp === undefined ? {} : { tcp }),
      onClosed: (cause) => {
        // What the framing still holds is reported before the connection's close.
        inbound.end()
        this.onConnectionClosed(id, connection, cause)
      },
    })
    this.connections.set(id, connection)
  }

  private onConnectionClosed(id: string, connection: TcpConnection, cause: CloseCause): void {
    this.connections.delete(id)
    this.finishedStats.set(id, connection.stats())
    if (this.finishedStats.size > FINISHED_STATS_KEPT) {
      this.finishedStats.delete(this.finishedStats.keys().next().value!)
    }
    this.emit({ type: 'close', scope: 'connection', cause, connectionId: id })
    this.endIfNothingLeft()
  }

  private readonly onDrop = (drop?: DropInfo): void => {
    const remote = formatEndpoint(drop?.remoteAddress ?? '?', drop?.remotePort ?? 0)
    this.reportError(connectionRefusedAtLimit(this.id, remote, this.options.maxConnections))
  }

  private readonly onServerError = (thrown: Error): void => {
    this.reportError(toCodedError(thrown, { host: this.local?.address, port: this.local?.port }, this.id))
  }
}
