import {
  CodedError,
  OwnErrorCode,
  capabilitiesOf,
  describeKind,
  framingModeOf,
  type CloseCause,
  type ConnectionInfo,
  type ConnectionStats,
  type DisconnectCommand,
  type Endpoint,
  type ErrorInfo,
  type Framing,
  type HalfCloseCommand,
  type MembershipCommand,
  type SendCommand,
  type SendReceipt,
  type SessionInfo,
  type SessionOptions,
  type SessionState,
  type SessionStats,
} from '../../shared'
import { notSupported, wrongState } from './engine-errors'
import { EventSequencer, type EventBody, type EventSink } from './event-sequencer'
import { framingStage } from './framing-stage'
import { plainPipeline, type Inbound, type Pipeline, type StageContext } from './pipeline'
import { ReframableInbound } from './reframable-inbound'
import { Limits } from '../../shared/limits'
import { TrafficCounter } from './traffic-counter'

/** What the engine gives every session besides its options. */
export interface SessionSettings {
  pipeline: Pipeline
  /** Per connection: bytes waiting for the peer beyond which a send is refused (ERR_SEND_QUEUE_FULL). */
  maxQueuedBytes: number
}

export const defaultSessionSettings: SessionSettings = {
  pipeline: plainPipeline,
  maxQueuedBytes: Limits.defaultMaxQueuedBytes,
}

/**
 * What every session kind shares: identity, state, counters and the event stream. The kinds add their
 * socket handling; actions a kind does not have are refused with a coded error.
 */
export abstract class SessionBase<Options extends SessionOptions> {
  // Not readonly: a session opened again in place takes these over from the one before (see continueFrom).
  openedAt = Date.now()
  protected state: SessionState = 'connecting'
  protected failure: ErrorInfo | undefined
  protected local: Endpoint | undefined
  protected remote: Endpoint | undefined
  protected counter = new TrafficCounter()
  private events: EventSequencer
  private currentOptions: Options
  /** The inbound of every open connection (or the UDP socket): what a change of framing reaches. */
  private readonly inbounds = new Set<ReframableInbound>()

  constructor(
    readonly id: string,
    options: Options,
    sink: EventSink,
    protected readonly settings: SessionSettings = defaultSessionSettings,
  ) {
    this.currentOptions = options
    this.events = new EventSequencer(id, sink)
  }

  /**
   * Makes this (not yet opened) session the continuation of a closed one with the same id: its events go on
   * from the last sequence number, its counters and its opening time carry on, so the log reads as one story.
   */
  continueFrom(previous: SessionBase<Options>): void {
    if (previous.id !== this.id) throw new Error(`session ${this.id} cannot continue session ${previous.id}`)
    this.events = previous.events
    this.counter = previous.counter
    this.openedAt = previous.openedAt
  }

  /** The options a reopened session starts with: these, unless a kind keeps something it was given (a port). */
  reopenOptions(): Options {
    return this.options
  }

  /** As opened, with any later change (the framing). */
  get options(): Options {
    return this.currentOptions
  }

  /** Resolves once connected / listening / bound; rejects with a CodedError and leaves the state 'error'. */
  abstract open(): Promise<void>
  abstract close(): Promise<void>
  abstract send(command: SendCommand): Promise<SendReceipt>
  protected abstract queuedBytes(): number

  get isOpen(): boolean {
    return this.state !== 'closed' && this.state !== 'error'
  }

  async halfClose(_command: HalfCloseCommand): Promise<void> {
    throw notSupported(this.id, this.options.kind, 'half-close')
  }

  async disconnect(_command: DisconnectCommand): Promise<void> {
    throw notSupported(this.id, this.options.kind, 'disconnect a connection')
  }

  async stopListening(): Promise<void> {
    throw notSupported(this.id, this.options.kind, 'stop listening')
  }

  async resumeListening(): Promise<void> {
    throw notSupported(this.id, this.options.kind, 'listen again')
  }

  membership(_command: MembershipCommand): void {
    throw notSupported(this.id, this.options.kind, 'join or leave a multicast group')
  }

  /**
   * Frames what arrives from now on with `framing`: every open connection (or the UDP socket) switches at its next
   * boundary between reads (see ReframableInbound), and connections accepted later start with it.
   */
  setFraming(framing: Framing): void {
    if (!this.isOpen) throw wrongState(this.id, `cannot change its framing: it is ${this.state}`)
    if (this.receivesDatagrams() && !framingModeOf(framing.mode).datagrams) {
      throw new CodedError(
        OwnErrorCode.invalidRequest,
        `UDP frames each datagram on its own: the '${framing.mode}' framing mode does not apply to datagrams`,
        this.id,
      )
    }
    this.currentOptions = { ...this.currentOptions, framing }
    for (const inbound of this.inbounds) inbound.reframe(framing)
  }

  connectionStats(_connectionId: string): ConnectionStats | undefined {
    return undefined
  }

  stats(): SessionStats {
    return {
      ...this.counter.snapshot(),
      queuedBytes: this.queuedBytes(),
      openConnections: this.openConnections(),
    }
  }

  info(): SessionInfo {
    const info: SessionInfo = {
      id: this.id,
      kind: this.options.kind,
      capabilities: capabilitiesOf(this.options.kind),
      state: this.state,
      options: this.options,
      openedAt: this.openedAt,
      stats: this.stats(),
      connections: this.connectionInfos(),
    }
    if (this.local !== undefined) info.local = this.local
    if (this.remote !== undefined) info.remote = this.remote
    const listening = this.listening()
    if (listening !== undefined) info.listening = listening
    if (this.failure !== undefined) info.error = this.failure
    return info
  }

  protected openConnections(): number {
    return 0
  }

  protected connectionInfos(): ConnectionInfo[] {
    return []
  }

  protected listening(): boolean | undefined {
    return undefined
  }

  protected emit(body: EventBody): void {
    this.events.emit(body)
  }

  /** A sent/received/frame row: the hot path under a flood (see EventSequencer.emitData). */
  protected emitData(
    type: 'sent' | 'received' | 'frame',
    data: Uint8Array,
    remote: Endpoint | undefined,
    connectionId?: string,
  ): void {
    this.events.emitData(type, data, remote, connectionId)
  }

  /**
   * What a connection or socket calls with each read, and once when it closes: each chunk is counted (on
   * `counter`, a connection's own for a server) and emitted as a 'received' row; the session's framing, then the
   * pipeline's stages, cut it into messages, each counted and emitted as a 'frame' row. `reply` answers on that
   * same path.
   */
  protected receiver(
    counter: TrafficCounter,
    connectionId: string | undefined,
    reply: StageContext['reply'],
  ): Inbound {
    const context: StageContext = {
      sessionId: this.id,
      connectionId,
      datagrams: this.receivesDatagrams(),
      reply,
      report: (error) =>
        this.emit(
          connectionId === undefined
            ? { type: 'error', error: error.toInfo() }
            : { type: 'error', error: error.toInfo(), connectionId },
        ),
    }
    const sinks = {
      chunk: (data: Uint8Array, remote: Endpoint | undefined) => {
        counter.countIn(data.byteLength)
        this.emitData('received', data, remote, connectionId)
      },
      message: (data: Uint8Array, remote: Endpoint | undefined) => {
        counter.countFrame()
        this.emitData('frame', data, remote, connectionId)
      },
    }
    const inbound = new ReframableInbound(
      this.settings.pipeline.inbound(this.options, context),
      sinks,
      (framing) => framingStage(framing, context),
      this.options.framing,
    )
    this.inbounds.add(inbound)
    return {
      receive: inbound.receive,
      end: () => {
        this.inbounds.delete(inbound)
        inbound.end()
      },
    }
  }

  private receivesDatagrams(): boolean {
    return describeKind(this.options.kind).protocol === 'udp'
  }

  /** The first two events of every session: the socket exists, and the session is opening. */
  protected begin(protocol: 'tcp' | 'udp', family?: Endpoint['family']): void {
    this.emit(family === undefined ? { type: 'socket', protocol } : { type: 'socket', protocol, family })
    this.emit({ type: 'state', state: this.state })
  }

  protected setState(state: SessionState): void {
    if (state === this.state) return
    this.state = state
    this.emit({ type: 'state', state })
  }

  protected reportError(error: CodedError): void {
    this.emit({ type: 'error', error: error.toInfo() })
  }

  /** The session's last events: close with its cause, then the state ('error' when it ended in failure). */
  protected endSession(cause: CloseCause, failure?: CodedError): void {
    this.emit({ type: 'close', scope: 'session', cause })
    if (failure === undefined) {
      this.setState('closed')
      return
    }
    this.failure = failure.toInfo()
    this.setState('error')
  }

  /** The session fails: error, close and state, in that order; the error stays on the info. */
  protected endWithError(error: CodedError, cause: CloseCause): void {
    this.reportError(error)
    this.endSession(cause, error)
  }

  /** TCP sends go to connections; a destination host and port only means something for UDP. */
  protected refuseDestination(command: SendCommand): void {
    if (command.remoteHost !== undefined || command.remotePort !== undefined) {
      throw notSupported(this.id, this.options.kind, 'send to a chosen remote host and port')
    }
  }
}
