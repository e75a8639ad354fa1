import type {
  ConnectionStats,
  DisconnectCommand,
  HalfCloseCommand,
  MembershipCommand,
  SendCommand,
  SendReceipt,
  SetAutoReplyCommand,
  GeneratorReport,
  SetFramingCommand,
  StartGeneratorCommand,
  SetFaultsCommand,
  InjectCommand,
  EngineEvent,
  SessionInfo,
  SessionOptions,
  SessionStats,
} from '../shared'

/**
 * What the handler table and the event forwarder need from the engine. `SessionManager` implements it;
 * every method throws `CodedError` on failure.
 */
export interface SessionEngine {
  /** Resolves once connected / listening / bound. On failure rejects; the session stays listed in state 'error'. */
  open(options: SessionOptions): Promise<SessionInfo>
  /** Client: disconnect; server: stop listening and close its clients; UDP: close the socket. Stays listed. */
  close(sessionId: string): Promise<SessionInfo>
  /**
   * A closed or failed session opens again with the same id and options; its sequence numbers and counters go on.
   * Refused while it is open. Resolves and rejects as open() does.
   */
  reopen(sessionId: string): Promise<SessionInfo>
  /** Closes if needed, then forgets the session. */
  remove(sessionId: string): Promise<void>
  list(): SessionInfo[]
  get(sessionId: string): SessionInfo
  /** Resolves when the kernel accepted the bytes (write callback), so backpressure is honoured. */
  send(command: SendCommand): Promise<SendReceipt>
  disconnect(command: DisconnectCommand): Promise<void>
  /** Sends FIN (`end()`) and keeps receiving. */
  halfClose(command: HalfCloseCommand): Promise<void>
  /** TCP server: closes the listener, keeps accepted clients. */
  stopListening(sessionId: string): Promise<SessionInfo>
  /** TCP server: listens again on the address it stopped listening on, keeping its clients. */
  resumeListening(sessionId: string): Promise<SessionInfo>
  membership(command: MembershipCommand): void
  /**
   * The session frames what arrives from now on with the new framing: each open connection (or the UDP socket)
   * switches at its next boundary between reads, reporting what the old framing held as an incomplete frame.
   * Refused on a closed session, and for a mode that does not apply to UDP.
   */
  setFraming(command: SetFramingCommand): SessionInfo
  /**
   * The session answers what arrives from now on with these auto-reply rules (and echo); each rule's count starts
   * from 0. Refused on a closed session, and for a rule that cannot compile (nothing changes then).
   */
  setAutoReply(command: SetAutoReplyCommand): SessionInfo
  /** Starts a traffic generator on the session's socket (one at a time); answers its first figures. */
  startGenerator(command: StartGeneratorCommand): Promise<GeneratorReport>
  /** Stops the session's generator; resolves with its summary. */
  stopGenerator(sessionId: string): Promise<GeneratorReport>
  /** A relay's faults from now on (held data moves on once nothing holds it). Refused for other kinds. */
  setFaults(command: SetFaultsCommand): SessionInfo
  /** A relay: a message into one direction of one pair. Refused for other kinds. */
  inject(command: InjectCommand): Promise<SendReceipt>
  stats(sessionId: string): SessionStats
  connectionStats(sessionId: string, connectionId: string): ConnectionStats | undefined
  /**
   * Every event of every session, synchronously as it happens, the frames of one read batched in one 'frames'
   * event (`eachSessionEvent` hands them on one by one). Returns the unsubscribe function.
   */
  subscribe(listener: (event: EngineEvent) => void): () => void
  /** Closes every socket; afterwards the same ports can be bound again. */
  disposeAll(): Promise<void>
}
