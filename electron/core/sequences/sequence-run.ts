import { OwnErrorCode, type OpenSessionRequest, type SessionInfo } from '../../shared'
import {
  clientTlsOf,
  substituteVariables,
  type Resolve,
  type Sequence,
  type StepFailureReport,
} from '../../shared/sequences'
import type { Workbench } from '../workbench'
import { Conversation } from './conversation'
import type { SessionEventHub } from './session-event-hub'
import { withTlsPathsFrom } from './tls-paths'
import { TrafficLog } from './traffic-log'
import { WaitTimer } from './wait-timer'

/** What every sequence of one file shares. */
export interface RunEnvironment {
  workbench: Workbench
  hub: SessionEventHub
  /** The sequence file's folder (send_file paths). */
  baseDir: string
  /** The request that reaches the listening sequence `name` (peer targets); a sentence when it cannot. */
  peerRequest(name: string): Promise<OpenSessionRequest | string>
  /** Step results listed per sequence; default MAX_STEP_RESULTS (tests lower it). */
  maxStepResults?: number
}

export type StepOutcome = { ok: true } | { ok: false; failure: StepFailureReport }

export const PASSED: StepOutcome = { ok: true }

export const stepFailed = (message: string, code?: string): StepOutcome => ({
  ok: false,
  failure: code === undefined ? { message } : { message, code },
})

/** Why a target could not be opened; before any step ran it makes the sequence an error (exit 3), not a failure. */
export class OpenFailure {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** The state of one sequence while it runs: its session, its variables, its traffic and its deadline. */
export class SequenceRun {
  readonly startedAt = performance.now()
  readonly traffic = new TrafficLog(performance.timeOrigin + this.startedAt)
  readonly variables: Record<string, string>
  /** The timeout of each expectation's wait, one after another. */
  readonly waitTimer = new WaitTimer()
  conversation: Conversation | undefined
  /** Set once the target is open: a listening sequence's peers wait for it. */
  opened: SessionInfo | undefined
  private readonly deadline: number | undefined

  constructor(
    readonly sequence: Sequence,
    readonly environment: RunEnvironment,
    private readonly onOpened: (info: SessionInfo) => void,
  ) {
    this.variables = { ...sequence.variables }
    this.deadline =
      sequence.totalTimeoutMs === undefined ? undefined : this.startedAt + sequence.totalTimeoutMs
  }

  /** `{{name}}` in an expectation's value, filled in from the variables as they are now. */
  readonly resolve: Resolve = (text, escape) => substituteVariables(text, this.variables, escape)

  get handlers() {
    return this.environment.workbench.handlers
  }

  /** How long a wait of `ms` may take before the sequence's total_timeout; `byTotal` when that is the limit. */
  budget(ms: number): { ms: number; byTotal: boolean } {
    if (this.deadline === undefined) return { ms, byTotal: false }
    const left = Math.max(0, Math.round(this.deadline - performance.now()))
    return left < ms ? { ms: left, byTotal: true } : { ms, byTotal: false }
  }

  totalTimeoutMessage(): string {
    return `the sequence's total_timeout of ${this.sequence.totalTimeoutMs} ms ran out`
  }

  /** Opens the target (again, after a close); throws OpenFailure when it cannot. */
  async open(): Promise<void> {
    await this.closeSession()
    const request = await this.request()
    const opened = await this.handlers.openSession(request)
    if (!opened.ok) throw new OpenFailure(opened.error.code, opened.error.message)
    const conversation = new Conversation(opened.value, this.traffic)
    this.conversation = conversation
    this.environment.hub.claim(opened.value.id, conversation.handle)
    this.opened = opened.value
    this.onOpened(opened.value)
  }

  /** Closes and forgets the session, if one is open. */
  async closeSession(): Promise<void> {
    const conversation = this.conversation
    if (conversation === undefined) return
    this.conversation = undefined
    await this.handlers.removeSession({ sessionId: conversation.sessionId })
    this.environment.hub.release(conversation.sessionId)
  }

  private async request(): Promise<OpenSessionRequest> {
    const { target, framing, tls } = this.sequence
    const withFraming = (request: OpenSessionRequest): OpenSessionRequest =>
      framing === undefined ? request : ({ ...request, framing } as OpenSessionRequest)
    const { baseDir } = this.environment
    if (target.type === 'session') return withTlsPathsFrom(target.request, baseDir)
    if (target.type === 'peer') {
      const request = await this.environment.peerRequest(target.sequence)
      if (typeof request === 'string') throw new OpenFailure(OwnErrorCode.invalidSequence, request)
      // A client of a TLS listener speaks TLS: with the file's tls: options, else verifying in full.
      const secured =
        tls !== undefined && request.kind === 'tcp-client' && request.tls !== undefined
          ? { ...request, tls: clientTlsOf(tls) }
          : request
      return withTlsPathsFrom(withFraming(secured), baseDir)
    }
    const listing = await this.handlers.listProfiles(undefined)
    if (!listing.ok) throw new OpenFailure(listing.error.code, listing.error.message)
    const profile = listing.value.profiles.find((candidate) => candidate.name === target.name)
    if (profile === undefined)
      throw new OpenFailure(OwnErrorCode.invalidSequence, `no profile named "${target.name}"`)
    return withFraming(profile.connection)
  }
}
