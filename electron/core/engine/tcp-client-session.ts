import { Socket } from 'node:net'
import type {
  CloseCause,
  DisconnectCommand,
  HalfCloseCommand,
  SendCommand,
  SendReceipt,
  TcpClientOptions,
} from '../../shared'
import { CodedError, GeneratorLimits } from '../../shared'
import type { GeneratorLink } from '../generator/generator-link'
import { connectSocket } from './socket-steps'
import { connectCancelled, unknownConnection, wrongState } from './engine-errors'
import { formatEndpoint, toEndpoint, type IpFamily } from './endpoints'
import { describeErrorCode, toCodedError } from './error-messages'
import { eventTime } from './event-sequencer'
import { resolveHost, type FamilyPreference, type ResolvedHost } from './resolve-host'
import { SessionBase } from './session-base'
import { TcpConnection } from './tcp-connection'
import { clientHandshake, loadClientCredentials, type TlsCredentials } from '../tls'

const familyPreference: Record<TcpClientOptions['family'], FamilyPreference> = {
  auto: 'auto',
  ipv4: 'IPv4',
  ipv6: 'IPv6',
}

const declaredFamily: Record<TcpClientOptions['family'], IpFamily | undefined> = {
  auto: undefined,
  ipv4: 'IPv4',
  ipv6: 'IPv6',
}

/** socket() → connect() → send()/recv() → close(), each step an event. */
export class TcpClientSession extends SessionBase<TcpClientOptions> {
  private connection: TcpConnection | undefined
  private opening: Promise<void> | undefined
  /** Set while connecting: ends the attempt (timeout, or close() before connected). */
  private abortOpen: ((error: CodedError, cause: CloseCause) => void) | undefined
  /** Why the attempt ended early: 'timeout', 'local' (cancelled), else it failed on its own ('error'). */
  private abortCause: CloseCause = 'error'

  open(): Promise<void> {
    this.opening = this.connect()
    return this.opening
  }

  private async connect(): Promise<void> {
    const { options } = this
    // Credentials are read and checked before any socket exists: a bad file opens nothing.
    let credentials: TlsCredentials | undefined
    try {
      credentials = options.tls === undefined ? undefined : await loadClientCredentials(options.tls)
    } catch (thrown) {
      const error = toCodedError(thrown, { host: options.host, port: options.port }, this.id)
      this.endWithError(error, 'error')
      throw error
    }
    const socket = new Socket({ allowHalfOpen: true })
    this.begin('tcp', declaredFamily[options.family])
    const aborted = new Promise<never>((_resolve, reject) => {
      this.abortOpen = (error, cause) => {
        this.abortCause = cause
        socket.destroy()
        reject(error)
      }
    })
    const timer = setTimeout(() => this.abortOpen?.(this.timeoutError(), 'timeout'), options.connectTimeoutMs)
    const reportLookup =
      (host: string) =>
      ({ address, family }: ResolvedHost): void =>
        this.emit({ type: 'lookup', host, address, family })
    try {
      const remote = await Promise.race([
        resolveHost(options.host, familyPreference[options.family], reportLookup(options.host)),
        aborted,
      ])
      const localAddress =
        options.localAddress === undefined
          ? undefined
          : (
              await Promise.race([
                resolveHost(options.localAddress, remote.family, reportLookup(options.localAddress)),
                aborted,
              ])
            ).address
      this.remote = toEndpoint(remote.address, options.port)
      this.emit({ type: 'connect', remote: this.remote })
      const startedAt = eventTime()
      await Promise.race([
        connectSocket(socket, {
          host: remote.address,
          port: options.port,
          localAddress,
          localPort: options.localPort,
        }),
        aborted,
      ])
      this.emitConnected(socket, eventTime() - startedAt)
      const secured =
        options.tls === undefined || credentials === undefined
          ? undefined
          : await Promise.race([
              clientHandshake({
                socket,
                host: options.host,
                peer: this.describeRemote(),
                tls: options.tls,
                credentials,
                sessionId: this.id,
              }),
              aborted,
            ])
      if (secured !== undefined) this.reportTls(secured.details)
      this.onConnected(secured?.socket ?? socket, socket)
    } catch (thrown) {
      socket.destroy()
      const error = toCodedError(thrown, { host: options.host, port: options.port }, this.id)
      if (this.abortCause === 'local') this.endSession('local')
      else this.endWithError(error, this.abortCause)
      throw error
    } finally {
      clearTimeout(timer)
      this.abortOpen = undefined
    }
  }

  private timeoutError(): CodedError {
    const { host, port, connectTimeoutMs } = this.options
    return new CodedError(
      'ETIMEDOUT',
      describeErrorCode('ETIMEDOUT', { host, port, timeoutMs: connectTimeoutMs }),
      this.id,
    )
  }

  /** The TCP step: connected (a TLS handshake may follow). */
  private emitConnected(socket: Socket, latencyMs: number): void {
    const { noDelay, keepAlive, keepAliveInitialDelayMs } = this.options
    socket.setNoDelay(noDelay)
    socket.setKeepAlive(keepAlive, keepAliveInitialDelayMs)
    this.local = toEndpoint(socket.localAddress ?? '', socket.localPort ?? 0)
    if (this.options.localAddress !== undefined || this.options.localPort !== undefined) {
      this.emit({ type: 'bind', local: this.local })
    }
    this.emit({ type: 'connected', local: this.local, remote: this.remote!, latencyMs })
  }

  /** Ready for traffic: `socket` carries it (the TLS socket over `tcp`, or `tcp` itself). */
  private onConnected(socket: Socket, tcp: Socket): void {
    const remote = this.remote!
    const inbound = this.receiver(this.counter, undefined, (data) => this.send({ sessionId: this.id, data }))
    const connection = new TcpConnection(socket, {
      sessionId: this.id,
      emit: (body) => this.emit(body),
      emitData: (type, data, remote) => this.emitData(type, data, remote),
      receive: inbound.receive,
      counter: this.counter,
      remote,
      remoteOnData: false,
      halfOpen: this.options.halfOpen,
      maxQueuedBytes: this.settings.maxQueuedBytes,
      tcp,
      onClosed: (cause, error) => {
        inbound.end()
        this.endSession(cause, error)
      },
    })
    this.connection = connection
    this.setState('connected')
  }

  async close(): Promise<void> {
    if (this.abortOpen !== undefined) {
      this.abortOpen(connectCancelled(this.id, this.describeRemote()), 'local')
      await this.opening?.catch(() => undefined)
      return
    }
    await this.connection?.close('local')
  }

  async send(command: SendCommand): Promise<SendReceipt> {
    this.refuseDestination(command)
    const bytes = await this.openConnection(command.connectionId, 'send').send(command.data)
    return { bytes, targets: 1 }
  }

  async halfClose(command: HalfCloseCommand): Promise<void> {
    await this.openConnection(command.connectionId, 'half-close').halfClose()
  }

  async disconnect(command: DisconnectCommand): Promise<void> {
    if (command.connectionId !== undefined) throw unknownConnection(this.id, command.connectionId)
    if (!this.isOpen) throw wrongState(this.id, 'is already closed')
    if (command.mode === 'reset' && this.connection !== undefined) await this.connection.reset()
    else await this.close()
  }

  /**
   * The generator writes through the connection's ordered queue, so a message sent by hand meanwhile goes out whole
   * between two of its writes, and each write completes only once the kernel took it (backpressure).
   */
  protected async generatorLink(): Promise<GeneratorLink> {
    const connection = this.openConnection(undefined, 'start a generator')
    if (!connection.canSend) throw wrongState(this.id, 'cannot start a generator: it has sent its FIN')
    return {
      datagrams: false,
      maxMessageBytes: GeneratorLimits.maxMessageBytes,
      write: (data, done) => {
        connection.send(data).then(
          () => done(undefined),
          (error: unknown) =>
            done(toCodedError(error, { host: this.options.host, port: this.options.port }, this.id)),
        )
      },
      attach: (listener) => this.listenForGenerator(listener),
    }
  }

  protected queuedBytes(): number {
    return this.connection?.queuedBytes() ?? 0
  }

  protected openConnections(): number {
    return this.connection !== undefined && this.connection.state !== 'closed' ? 1 : 0
  }

  private openConnection(connectionId: string | undefined, action: string): TcpConnection {
    if (connectionId !== undefined) throw unknownConnection(this.id, connectionId)
    if (this.connection === undefined) {
      throw wrongState(
        this.id,
        `cannot ${action}: it is ${this.state === 'connecting' ? 'still connecting' : 'not connected'}`,
      )
    }
    return this.connection
  }

  private describeRemote(): string {
    return formatEndpoint(this.remote?.address ?? this.options.host, this.options.port)
  }
}
