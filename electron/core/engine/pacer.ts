// The one pacing mechanism for everything that sends on a schedule: the repeater (a send every N ms, one at a time)
// and the traffic generator (a rate, many writes in flight). A token bucket refilled from a monotonic clock: timers
// are coarse (setTimeout(1) fires every 1–4 ms, later under load), so a sender asks how many sends are due, makes
// them, then sleeps until the next one, and the average rate holds however late each wake-up is. The bucket's
// capacity (the burst) caps the catch-up after a long stall, so a pause is never answered with an unbounded burst.
// A bound on sends granted and not yet completed (in flight) is the backpressure: a sender settles each send once
// the socket completed it, so a peer that does not read holds the next grant back instead of memory growing.

/** Messages per second, bits per second, or as fast as the in-flight bound lets us. */
export type PacingRate =
  { unit: 'messages'; perSecond: number } | { unit: 'bits'; perSecond: number } | { unit: 'unlimited' }

export interface PacerOptions {
  rate: PacingRate
  /** Granted sends not yet settled; at the bound, grant() gives nothing until settle(). */
  maxInFlight: number
  /**
   * Time a late wake-up may make up at once. A stall longer than this is lost (the achieved rate says so) rather
   * than sent as one burst. Default 50 ms; the bucket always holds at least one message.
   */
  burstMs?: number
  /** Milliseconds on a monotonic clock; default performance.now. Injectable for tests. */
  now?: () => number
}

const DEFAULT_BURST_MS = 50

export class Pacer {
  /** Tokens in the unit of the rate: messages, or bits. Fractional so no remainder is ever lost. */
  private tokens: number
  private refilledAt: number
  private pending = 0
  private readonly rate: PacingRate
  private readonly maxInFlight: number
  private readonly perMs: number
  private readonly capacity: number
  private readonly now: () => number

  constructor({
    rate,
    maxInFlight,
    burstMs = DEFAULT_BURST_MS,
    now = () => performance.now(),
  }: PacerOptions) {
    if (!(maxInFlight >= 1)) throw new RangeError('maxInFlight must be at least 1')
    if (rate.unit !== 'unlimited' && !(rate.perSecond > 0 && Number.isFinite(rate.perSecond))) {
      throw new RangeError('a rate must be a finite number above 0')
    }
    this.rate = rate
    this.maxInFlight = maxInFlight
    this.now = now
    this.perMs = rate.unit === 'unlimited' ? Infinity : rate.perSecond / 1000
    // At least one message fits, however low the rate (for bits: checked at refill, which knows the size).
    this.capacity = rate.unit === 'unlimited' ? Infinity : Math.max(1, this.perMs * burstMs)
    // One message's worth to start with: the first send goes at once, the rest follow the clock.
    this.tokens = rate.unit === 'messages' ? 1 : 0
    this.refilledAt = now()
  }

  /** Sends granted and not yet settled. */
  get inFlight(): number {
    return this.pending
  }

  /** True when the in-flight bound, not the rate, is what holds the next send back. */
  get full(): boolean {
    return this.pending >= this.maxInFlight
  }

  /**
   * Grants up to `limit` sends of `messageBytes` each (the size matters for a bits rate only) that may go now,
   * counting them in flight. The caller makes exactly that many and calls settle() once for each as it completes.
   */
  grant(limit: number, messageBytes = 0): number {
    const free = Math.min(limit, this.maxInFlight - this.pending)
    if (free <= 0) return 0
    const cost = this.costOf(messageBytes)
    let granted = free
    if (cost > 0) {
      this.refill(cost)
      granted = Math.min(free, Math.floor(this.tokens / cost))
      this.tokens -= granted * cost
    }
    this.pending += granted
    return granted
  }

  /** `count` granted sends completed (made, or failed): their in-flight places are free again. */
  settle(count = 1): void {
    this.pending = Math.max(0, this.pending - count)
  }

  /**
   * Milliseconds until one more send of `messageBytes` is due by the rate: 0 when it could go now. Waiting for an
   * in-flight place is not a matter of time: that wait ends at settle().
   */
  delayMs(messageBytes = 0): number {
    const cost = this.costOf(messageBytes)
    if (cost === 0) return 0
    this.refill(cost)
    return this.tokens >= cost ? 0 : (cost - this.tokens) / this.perMs
  }

  private costOf(messageBytes: number): number {
    if (this.rate.unit === 'unlimited') return 0
    return this.rate.unit === 'messages' ? 1 : Math.max(1, messageBytes * 8)
  }

  /** Adds the tokens earned since the last refill, up to the burst (and never below one message's `cost`). */
  private refill(cost: number): void {
    const now = this.now()
    const capacity = Math.max(this.capacity, cost)
    this.tokens = Math.min(capacity, this.tokens + (now - this.refilledAt) * this.perMs)
    this.refilledAt = now
  }
}
