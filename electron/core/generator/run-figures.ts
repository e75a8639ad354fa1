import type { CodedError, GeneratorInterval, GeneratorReport } from '../../shared'
import type { EchoMeter } from './echo-meter'

/** Below this share of the asked rate, with writes held back by the socket, the peer is what limits the run. */
const HONEST_SHARE = 0.95

const now = (): number => performance.now()

/** A run's counts and clocks, and the report built from them. */
export class RunFigures {
  sent = 0
  private errors = 0
  private lastError: CodedError | undefined
  private startedAt = 0
  private stoppedAt: number | undefined
  private blockedSince: number | undefined
  private blockedMs = 0
  private intervalStart = 0
  private intervalSent = 0

  constructor(
    private readonly askedRate: number | null,
    private readonly messageBytes: number,
  ) {}

  start(): void {
    this.startedAt = now()
    this.intervalStart = this.startedAt
  }

  /** Sending ended: the achieved rate is over the time spent sending, not the echo grace after it. */
  stop(): void {
    this.stoppedAt ??= now()
  }

  countSent(count: number): void {
    this.sent += count
  }

  countFailed(count: number, error: CodedError): void {
    this.errors += count
    this.lastError = error
  }

  countError(error: CodedError): void {
    this.errors += 1
    this.lastError = error
  }

  /** The in-flight bound is (true) or is no longer (false) what holds the next message back. */
  blockedOnPeer(blocked: boolean): void {
    if (blocked) this.blockedSince ??= now()
    else if (this.blockedSince !== undefined) {
      this.blockedMs += now() - this.blockedSince
      this.blockedSince = undefined
    }
  }

  /** The interval since the previous call (up to the end of sending), and a new one from then. */
  nextInterval(): GeneratorInterval {
    const at = this.stoppedAt ?? now()
    const durationMs = at - this.intervalStart
    const sent = this.sent - this.intervalSent
    const interval: GeneratorInterval = {
      startMs: this.intervalStart - this.startedAt,
      durationMs,
      sent,
      bytes: sent * this.messageBytes,
      rate: durationMs > 0 ? (sent * 1000) / durationMs : 0,
    }
    this.intervalStart = at
    this.intervalSent = this.sent
    return interval
  }

  report(phase: GeneratorReport['phase'], queue: number, echoes: EchoMeter | undefined): GeneratorReport {
    const elapsedMs = (this.stoppedAt ?? now()) - this.startedAt
    const achievedRate = elapsedMs > 0 ? (this.sent * 1000) / elapsedMs : 0
    const report: GeneratorReport = {
      role: 'sender',
      phase,
      askedRate: this.askedRate,
      messageBytes: this.messageBytes,
      elapsedMs,
      sent: this.sent,
      bytes: this.sent * this.messageBytes,
      achievedRate,
      achievedBitsPerSecond: achievedRate * this.messageBytes * 8,
      errors: this.errors,
      queue,
      limitedByPeer: this.limitedByPeer(achievedRate),
    }
    if (this.lastError !== undefined) report.lastError = this.lastError.toInfo()
    const rtt = echoes?.rtt.summary()
    if (rtt !== undefined) report.rtt = rtt
    // While running, echoes still on their way are not lost: only gaps below the highest echo count.
    if (echoes !== undefined)
      report.sequence = echoes.sequence.summary(phase === 'done' ? this.sent : undefined)
    return report
  }

  private limitedByPeer(achievedRate: number): boolean {
    const blocked = this.blockedMs + (this.blockedSince === undefined ? 0 : now() - this.blockedSince)
    if (this.askedRate === null) return false
    return blocked > 0 && achievedRate < this.askedRate * HONEST_SHARE
  }
}
