import { autoReplyOf } from '../../shared/schemas'
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
  type AutoReply,
  type GeneratorReport,
  type HalfCloseCommand,
  type InjectCommand,
  type RelayFaults,
  type MembershipCommand,
  type RegexRunner,
  type SendCommand,
  type SendReceipt,
  type SessionInfo,
  type SessionOptions,
  type SessionState,
  type SessionStats,
  type StartGeneratorCommand,
  type TlsDetails,
} from '../../shared'
import { autoReplyStage } from './auto-reply/auto-reply-stage'
import { PendingReplies } from './auto-reply/pending-replies'
import { budgetedRegexRunner } from './auto-reply/regex-budget'
import { SessionAutoReply } from './auto-reply/session-auto-reply'
import type { GeneratorLink, LinkListener } from '../generator/generator-link'
import { SessionGenerator } from '../generator/session-generator'
import { notSupported, wrongState } from './engine-errors'
import { EventSequencer, eventTime, type EventBody, type EventSink, type RelayTags } from './event-sequencer'
import { framingStage } from './framing-stage'
import {
  plainPipeline,
  type Inbound,
  type InboundSinks,
  type InboundStages,
  type Pipeline,
  type StageContext,
} from './pipeline'
import { ReframableInbound } from './reframable-inbound'
import { Limits } from '../../shared/limits'
import { TrafficCounter } from './traffic-counter'

/** What the engine gives every session besides its options. */
export interface SessionSettings {
  pipeline: Pipeline
  /** Per connection: bytes waiting for the peer beyond which a send is refused (ERR_SEND_QUEUE_FULL). */
  maxQueuedBytes: number
  /** Runs auto-reply regexes with a time budget (one runner, and one vm context, for every session). */
  runRegex: RegexRunner
}

export const defaultSessionSettings: SessionSettings = {
  pipeline: plainPipeline,
  maxQueuedBytes: Limits.defaultMaxQueuedBytes,
  runRegex: budgetedRegexRunner(),
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
  private lastTls: TlsDetails | undefined
  private events: EventSequencer
  private currentOptions: Options
  /** The inbound of every open connection (or the UDP socket): what a change of framing reaches. */
  private readonly inbounds = new Set<ReframableInbound>()
  private readonly autoReply: SessionAutoReply
  private readonly pendingReplies: PendingReplies
  /** Runs one generator at a time on this session's socket; its reports are this session's 'generator' events. */
  private readonly generator: SessionGenerator
  /** The running generator's ear: what arrives, and errors the socket raises on its own. */
  protected linkListener: LinkListener | undefined

  constructor(
    readonly id: string,
    options: Options,
    sink: EventSink,
    protected readonly settings: SessionSettings = defaultSessionSettings,
  ) {
    this.currentOptions = options
    this.events = new EventSequencer(id, sink)
    // A rule that cannot compile (its reply) refuses the session before any socket exists.
    this.autoReply = new SessionAutoReply(id, settings.runRegex, autoReplyOf(options), (autoReply) => {
      this.currentOptions = { ...this.currentOptions, autoReply }
    })
    this.pendingReplies = new PendingReplies(id)
    this.generator = new SessionGenerator(id, (report) => this.emit({ type: 'generator', report }))
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

  /** A change of what the session was opened with (its framing, a relay's faults), kept for info() and profiles. */
  protected replaceOptions(options: Options): void {
    this.currentOptions = options
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

  /** Relays: the faults applied from now on. */
  setFaults(_faults: RelayFaults): void {
    throw notSupported(this.id, this.options.kind, 'apply faults (only a relay forwards traffic)')
  }

  /** Relays: a message put into one direction of one pair, after what already waits there. */
  async inject(_command: InjectCommand): Promise<SendReceipt> {
    throw notSupported(this.id, this.options.kind, 'inject a message (only a relay forwards traffic)')
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

  /**
   * Answers what arrives from now on with these rules (and echo), on every open connection and later ones; each
   * rule's count starts from 0. A rule that cannot compile is refused with its number, and nothing changes.
   */
  setAutoReply(autoReply: AutoReply): void {
    if (!this.isOpen) throw wrongState(this.id, `cannot change its auto-reply: it is ${this.state}`)
    this.autoReply.set(autoReply)
    this.currentOptions = { ...this.currentOptions, autoReply }
  }

  /** Starts a generator on this session's socket (see electron/core/generator); answers its first figures. */
  async startGenerator(command: StartGeneratorCommand): Promise<GeneratorReport> {
    if (!capabilitiesOf(this.options.kind).generator)
      throw notSupported(this.id, this.options.kind, 'run a generator')
    if (!this.isOpen) throw wrongState(this.id, `cannot start a generator: it is ${this.state}`)
    return this.generator.start(command, () => this.generatorLink())
  }

  /** Stops the running generator; resolves with its summary once its last writes (and echoes) are in. */
  stopGenerator(): Promise<GeneratorReport> {
    return this.generator.stop()
  }

  /** The socket as a generator uses it; kinds that can generate override this. */
  protected async generatorLink(): Promise<GeneratorLink> {
    throw notSupported(this.id, this.options.kind, 'run a generator')
  }

  /** Hands the generator's ear to the socket until the returned function is called. */
  protected listenForGenerator(listener: LinkListener): () => void {
    this.linkListener = listener
    return () => {
      if (this.linkListener === listener) this.linkListener = undefined
    }
  }

  connectionStats(_connectionId: string): ConnectionStats | undefined {
    return undefined
  }

  stats(): SessionStats {
    const stats: SessionStats = {
      ...this.counter.snapshot(),
      queuedBytes: this.queuedBytes(),
      openConnections: this.openConnections(),
    }
    const matches = this.autoReply.matchCounts()
    if (matches !== undefined) stats.autoReplyMatches = matches
    return stats
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
    const generator = this.generator.latest()
    if (generator !== undefined) info.generator = generator
    if (this.lastTls !== undefined) info.tls = this.lastTls
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

  /** The `tls` step of a handshake that succeeded; the session's info shows the latest one. */
  protected reportTls(tls: TlsDetails, connectionId?: string): void {
    this.lastTls = tls
    this.emit(connectionId === undefined ? { type: 'tls', tls } : { type: 'tls', tls, connectionId })
  }

  /** A sent/received row: the hot path under a flood (see EventSequencer.emitData). */
  protected emitData(
    type: 'sent' | 'received',
    data: Uint8Array,
    remote: Endpoint | undefined,
    connectionId?: string,
    tags?: RelayTags,
  ): void {
    this.events.emitData(type, data, remote, connectionId, tags)
  }

  /**
   * What a connection or socket calls with each read, and once when it closes: each chunk is counted (on
   * `counter`, a connection's own for a server) and emitted as a 'received' row; the session's framing, then the
   * pipeline's stages, cut it into messages, each counted and emitted as a 'frame' row (a read's frames as one
   * batched event). `reply` answers on that same path.
   */
  protected receiver(
    counter: TrafficCounter,
    connectionId: string | undefined,
    reply: StageContext['reply'],
    tags?: RelayTags,
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
            : { type: 'error', error: error.toInfo(), connectionId, ...tags },
        ),
    }
    const sinks: InboundSinks = {
      chunk: (data, remote) => {
        counter.countIn(data.byteLength)
        this.linkListener?.received(data, eventTime())
        this.emitData('received', data, remote, connectionId, tags)
      },
      // The batch is the framer's scratch: the event keeps its own copy of the offsets (not of the bytes).
      frames: (batch, from, to, remote) => {
        counter.countFrames(to - from)
        const starts = batch.starts.slice(from, to)
        this.events.emitFrames(batch.chunk, starts, batch.ends.slice(from, to), remote, connectionId, tags)
      },
      message: (data, remote) => {
        counter.countFrames(1)
        const ends = Uint32Array.of(data.byteLength)
        this.events.emitFrames(data, new Uint32Array(1), ends, remote, connectionId, tags)
      },
    }
    const { shape, react } = this.settings.pipeline.inbound(this.options, context)
    // Auto-reply acts last, on what the user was shown (frames with framing, else chunks or datagrams).
    const stages: InboundStages = {
      shape,
      reacting: () => react.length > 0 || this.autoReply.active,
      react: [
        ...react,
        autoReplyStage(this.autoReply, this.pendingReplies, context, (rule) =>
          this.emit(
            connectionId === undefined ? { type: 'rule', rule } : { type: 'rule', rule, connectionId },
          ),
        ),
      ],
    }
    const inbound = new ReframableInbound(
      stages,
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
    this.pendingReplies.cancelAll()
    this.generator.sessionClosed()
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
