// Pacing for anything that sends on a schedule (the repeater now, the traffic generator later): a token bucket
// filled at one token per interval. Timers are coarse (setTimeout(1) fires every 1–4 ms, later under load), so a
// sender asks how many sends are due, makes them, then sleeps until the next one: the average rate holds even
// when each wake-up is late. The bucket's capacity caps the catch-up after a long stall (a slow peer, a busy
// event loop), so a pause is never answered with an unbounded burst.

export interface PacerOptions {
  /** Milliseconds per send (a rate of r per second is 1000 / r). */
  intervalMs: number
  /** Sends that may be made at once to catch up; default: what 50 ms of sending holds, at least 1. */
  burst?: number
  /** Milliseconds on a monotonic clock; default performance.now. */
  now?: () => number
}

/** How long catching up may bunch sends together: beyond this, late sends are dropped from the schedule. */
const CATCH_UP_WINDOW_MS = 50

export class Pacer {
  private readonly intervalMs: number
  private readonly capacity: number
  private readonly now: () => number
  private tokens = 1
  private filledAt: number

  constructor({ intervalMs, burst, now = () => performance.now() }: PacerOptions) {
    this.intervalMs = intervalMs
    this.capacity = burst ?? Math.max(1, Math.floor(CATCH_UP_WINDOW_MS / intervalMs))
    this.now = now
    this.filledAt = now()
  }

  /** Sends due now, at most `limit`; they are taken from the bucket. The first call allows one at once. */
  take(limit = Number.POSITIVE_INFINITY): number {
    this.fill()
    const due = Math.min(Math.floor(this.tokens), limit)
    this.tokens -= due
    return due
  }

  /** Milliseconds until the next send is due (0 when one is due now). */
  delayMs(): number {
    this.fill()
    return this.tokens >= 1 ? 0 : (1 - this.tokens) * this.intervalMs
  }

  private fill(): void {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.filledAt) / this.intervalMs)
    this.filledAt = now
  }
}
