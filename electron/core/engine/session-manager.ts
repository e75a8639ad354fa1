import {
  Limits,
  capabilitiesOf,
  type ConnectionStats,
  type DisconnectCommand,
  type HalfCloseCommand,
  type MembershipCommand,
  type SendCommand,
  type SendReceipt,
  type SetAutoReplyCommand,
  type GeneratorReport,
  type SetFramingCommand,
  type StartGeneratorCommand,
  type SetFaultsCommand,
  type InjectCommand,
  type EngineEvent,
  type SessionInfo,
  type SessionOptions,
  type SessionStats,
} from '../../shared'
import type { SessionEngine } from '../session-engine'
import { emptyStreamSend, tooManySessions, unknownSession, wrongState } from './engine-errors'
import type { EventSink } from './event-sequencer'
import type { SessionBase } from './session-base'
import { plainPipeline, type Pipeline } from './pipeline'
import type { SessionSettings } from './session-base'
import { createSession } from './session-factories'
import { budgetedRegexRunner } from './auto-reply/regex-budget'

export interface SessionManagerOptions {
  /** Sessions that may be open (not closed, not failed) at once. */
  maxOpenSessions?: number
  /** What every session's bytes pass through on their way in and out; default: unchanged. */
  pipeline?: Pipeline
  /** Per connection: bytes waiting for a slow peer before sends are refused; default Limits.defaultMaxQueuedBytes. */
  maxQueuedBytes?: number
  /** Closed and failed sessions kept listed; beyond it the oldest are forgotten. */
  maxClosedSessions?: number
  /** Longest an auto-reply regex may run on one message before its rule is turned off; default 20 ms. */
  regexBudgetMs?: number
}

type AnySession = SessionBase<SessionOptions>

/**
 * Opens, lists, drives and closes sessions, and hands every event to its subscribers as it happens.
 * Requests arrive parsed by the shared schemas; what only the engine can know (ids, states, limits) is
 * checked here and refused with a coded error before any socket is touched.
 */
export class SessionManager implements SessionEngine {
  private readonly sessions = new Map<string, AnySession>()
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private readonly maxOpenSessions: number
  private readonly maxClosedSessions: number
  private readonly settings: SessionSettings
  private createdCount = 0

  constructor({
    maxOpenSessions = Limits.maxOpenSessions,
    maxClosedSessions = Limits.defaultMaxClosedSessions,
    pipeline = plainPipeline,
    maxQueuedBytes = Limits.defaultMaxQueuedBytes,
    regexBudgetMs,
  }: SessionManagerOptions = {}) {
    this.maxOpenSessions = maxOpenSessions
    this.maxClosedSessions = maxClosedSessions
    this.settings = { pipeline, maxQueuedBytes, runRegex: budgetedRegexRunner(regexBudgetMs) }
  }

  async open(options: SessionOptions): Promise<SessionInfo> {
    if (this.openCount() >= this.maxOpenSessions) throw tooManySessions(this.maxOpenSessions)
    this.forgetOldestClosed()
    this.createdCount += 1
    const session = createSession(`s${this.createdCount}`, options, this.publish, this.settings)
    this.sessions.set(session.id, session)
    await session.open()
    return session.info()
  }

  async reopen(sessionId: string): Promise<SessionInfo> {
    const previous = this.session(sessionId)
    if (previous.isOpen) throw wrongState(sessionId, 'is still open: close it before opening it again')
    if (this.openCount() >= this.maxOpenSessions) throw tooManySessions(this.maxOpenSessions)
    const session = createSession(sessionId, previous.reopenOptions(), this.publish, this.settings)
    session.continueFrom(previous)
    // Same key: the session keeps its place in the list.
    this.sessions.set(sessionId, session)
    await session.open()
    return session.info()
  }

  async close(sessionId: string): Promise<SessionInfo> {
    const session = this.session(sessionId)
    await session.close()
    return session.info()
  }

  async remove(sessionId: string): Promise<void> {
    await this.session(sessionId).close()
    this.sessions.delete(sessionId)
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => session.info())
  }

  get(sessionId: string): SessionInfo {
    return this.session(sessionId).info()
  }

  async send(command: SendCommand): Promise<SendReceipt> {
    const session = this.session(command.sessionId)
    // A datagram may be empty; on a byte stream an empty write sends nothing and must not count as a message.
    if (command.data.byteLength === 0 && capabilitiesOf(session.options.kind).connectionOriented) {
      throw emptyStreamSend(session.id)
    }
    return session.send({ ...command, data: this.settings.pipeline.outbound(session.options, command.data) })
  }

  async disconnect(command: DisconnectCommand): Promise<void> {
    return this.session(command.sessionId).disconnect(command)
  }

  async halfClose(command: HalfCloseCommand): Promise<void> {
    return this.session(command.sessionId).halfClose(command)
  }

  async stopListening(sessionId: string): Promise<SessionInfo> {
    const session = this.session(sessionId)
    await session.stopListening()
    return session.info()
  }

  async resumeListening(sessionId: string): Promise<SessionInfo> {
    const session = this.session(sessionId)
    await session.resumeListening()
    return session.info()
  }

  membership(command: MembershipCommand): void {
    this.session(command.sessionId).membership(command)
  }

  setFraming({ sessionId, framing }: SetFramingCommand): SessionInfo {
    const session = this.session(sessionId)
    session.setFraming(framing)
    return session.info()
  }

  setAutoReply({ sessionId, autoReply }: SetAutoReplyCommand): SessionInfo {
    const session = this.session(sessionId)
    session.setAutoReply(autoReply)
    return session.info()
  }

  startGenerator(command: StartGeneratorCommand): Promise<GeneratorReport> {
    return this.session(command.sessionId).startGenerator(command)
  }

  stopGenerator(sessionId: string): Promise<GeneratorReport> {
    return this.session(sessionId).stopGenerator()
  }

  setFaults({ sessionId, faults }: SetFaultsCommand): SessionInfo {
    const session = this.session(sessionId)
    session.setFaults(faults)
    return session.info()
  }

  async inject(command: InjectCommand): Promise<SendReceipt> {
    const session = this.session(command.sessionId)
    if (command.data.byteLength === 0 && capabilitiesOf(session.options.kind).connectionOriented) {
      throw emptyStreamSend(session.id)
    }
    return session.inject(command)
  }

  stats(sessionId: string): SessionStats {
    return this.session(sessionId).stats()
  }

  connectionStats(sessionId: string, connectionId: string): ConnectionStats | undefined {
    return this.session(sessionId).connectionStats(connectionId)
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  async disposeAll(): Promise<void> {
    const sessions = [...this.sessions.values()]
    this.sessions.clear()
    await Promise.all(sessions.map((session) => session.close()))
  }

  private session(sessionId: string): AnySession {
    const session = this.sessions.get(sessionId)
    if (session === undefined) throw unknownSession(sessionId)
    return session
  }

  /**
   * Keeps room for one more closed session: the oldest closed or failed ones are forgotten beyond the limit, so
   * a user (or a script) opening and failing sessions forever cannot grow the list, or an answer listing it,
   * without bound. Open sessions are never touched.
   */
  private forgetOldestClosed(): void {
    let closed = this.sessions.size - this.openCount()
    for (const [id, session] of this.sessions) {
      if (closed < this.maxClosedSessions) return
      if (session.isOpen) continue
      this.sessions.delete(id)
      closed -= 1
    }
  }

  private openCount(): number {
    let open = 0
    for (const session of this.sessions.values()) if (session.isOpen) open += 1
    return open
  }

  private readonly publish: EventSink = (event) => {
    for (const listener of this.listeners) listener(event)
  }
}
