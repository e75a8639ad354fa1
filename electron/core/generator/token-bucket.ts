/**
 * Pacing for anything that sends at a rate (the traffic generator; meant to be shared with the repeater): a token
 * bucket refilled from a monotonic clock, so timer lateness is made up at the next grant instead of accumulating
 * as drift, plus a bound on messages handed to the socket and not yet completed (in flight).
 */

/** Messages per second, bits per second, or as fast as the in-flight bound lets us. */
export type PacingRate =
  { unit: 'messages'; perSecond: number } | { unit: 'bits'; perSecond: number } | { unit: 'unlimited' }

export interface TokenBucketOptions {
  rate: PacingRate
  /** Granted messages not yet settled; at the bound, grant() gives nothing until settle(). */
  maxInFlight: number
  /**
   * Time a late timer may make up at once. A stall longer than this is lost (the achieved rate says so) rather than
   * sent as one burst. Default 50 ms.
   */
  burstMs?: number
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number
}

const DEFAULT_BURST_MS = 50

export class TokenBucket {
  /** Tokens in the unit of the rate: messages, or bits. Fractional so no remainder is ever lost. */
  private tokens: number
  private refilledAt: number
  private pending = 0
  private readonly perMs: number
  private readonly capacity: number
  private readonly now: () => number

  constructor(private readonly options: TokenBucketOptions) {
    const { rate, burstMs = DEFAULT_BURST_MS, now = () => performance.now() } = options
    if (!(options.maxInFlight >= 1)) throw new RangeError('maxInFlight must be at least 1')
    if (rate.unit !== 'unlimited' && !(rate.perSecond > 0)) throw new RangeError('a rate must be above 0')
    this.now = now
    this.perMs = rate.unit === 'unlimited' ? Infinity : rate.perSecond / 1000
    // At least one message fits, however low the rate (for bits: checked at refill, which knows the size).
    this.capacity = rate.unit === 'unlimited' ? Infinity : Math.max(1, this.perMs * burstMs)
    // Start with one message's worth: the first message goes at once, the rest follow the clock.
    this.tokens = rate.unit === 'messages' ? 1 : 0
    this.refilledAt = now()
  }

  /** Messages granted and not yet settled. */
  get inFlight(): number {
    return this.pending
  }

  /**
   * Grants up to `limit` messages of `bytes` each that may go now, counting them in flight. The caller sends
   * exactly that many and calls settle() once for each as it completes.
   */
  grant(bytes: number, limit: number): number {
    const free = Math.min(limit, this.options.maxInFlight - this.pending)
    if (free <= 0) return 0
    const cost = this.costOf(bytes)
    let granted = free
    if (cost > 0) {
      this.refill(cost)
      granted = Math.min(free, Math.floor(this.tokens / cost))
      this.tokens -= granted * cost
    }
    this.pending += granted
    return granted
  }

  /** `count` granted messages completed (sent, or failed): their in-flight places are free again. */
  settle(count = 1): void {
    this.pending = Math.max(0, this.pending - count)
  }

  /**
   * Milliseconds until one more message of `bytes` could be granted by the rate: 0 when it could go now. Waiting for
   * an in-flight place is not a matter of time: that wait ends at settle().
   */
  delayMs(bytes: number): number {
    const cost = this.costOf(bytes)
    if (cost === 0) return 0
    this.refill(cost)
    return this.tokens >= cost ? 0 : (cost - this.tokens) / this.perMs
  }

  /** True when the in-flight bound, not the rate, is what holds the next message back. */
  get full(): boolean {
    return this.pending >= this.options.maxInFlight
  }

  private costOf(bytes: number): number {
    const { rate } = this.options
    if (rate.unit === 'unlimited') return 0
    return rate.unit === 'messages' ? 1 : Math.max(1, bytes * 8)
  }

  /** Adds the tokens earned since the last refill, up to the burst (and never below one message's `cost`). */
  private refill(cost: number): void {
    const now = this.now()
    const capacity = Math.max(this.capacity, cost)
    this.tokens = Math.min(capacity, this.tokens + (now - this.refilledAt) * this.perMs)
    this.refilledAt = now
  }
}
