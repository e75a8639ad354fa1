import { CodedError, OwnErrorCode } from '../../../shared'

// Delayed replies of one session: each waits on its own timer, at most `max` at once (a flood of matches with a
// long delay must not grow without bound), and all are cancelled when the session ends.

export const MAX_PENDING_REPLIES = 1_024

const backlog = (sessionId: string, max: number): CodedError =>
  new CodedError(
    OwnErrorCode.replyBacklog,
    `${max.toLocaleString('en-US')} delayed auto-replies are already waiting; replies are dropped until some are sent`,
    sessionId,
  )

export class PendingReplies {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  /** Set while dropping, so a flood reports once, not once per reply. */
  private dropping = false

  constructor(
    private readonly sessionId: string,
    private readonly max = MAX_PENDING_REPLIES,
  ) {}

  get size(): number {
    return this.timers.size
  }

  /** Runs `send` after `delayMs`, or reports the backlog and drops it. */
  later(delayMs: number, send: () => void, report: (error: CodedError) => void): void {
    if (this.timers.size >= this.max) {
      if (!this.dropping) report(backlog(this.sessionId, this.max))
      this.dropping = true
      return
    }
    this.dropping = false
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      send()
    }, delayMs)
    this.timers.add(timer)
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
