import type { SequenceSummary } from '../../shared'

/** Sequence numbers remembered behind the highest one seen: duplicates within it are told apart from late arrivals. */
const WINDOW = 1 << 16

/**
 * Counts what sequence numbers say about arrivals: distinct, duplicated, reordered, and (from the highest seen, or
 * the number sent) lost; and the RFC 3550 jitter of the transit time. Memory is one bit per number in a sliding
 * window, whatever the run's length.
 */
export class SequenceTracker {
  private readonly seen = new Uint8Array(WINDOW / 8)
  private highest = -1
  private distinct = 0
  private duplicated = 0
  private reordered = 0
  private jitter = 0
  private lastTransit: number | undefined

  /** One arrival of `seq`; `transitMs` is arrival time minus send time (any constant clock offset cancels out). */
  record(seq: number, transitMs: number): void {
    this.updateJitter(transitMs)
    if (seq > this.highest) {
      this.slideTo(seq)
      this.mark(seq)
      this.distinct += 1
      return
    }
    if (seq <= this.highest - WINDOW) {
      // Older than the window: it cannot be told from a duplicate, so it is counted as a late arrival only.
      this.reordered += 1
      return
    }
    if (this.isMarked(seq)) {
      this.duplicated += 1
      return
    }
    this.mark(seq)
    this.distinct += 1
    this.reordered += 1
  }

  /** `expected`: messages sent (echoes), or undefined to take every number up to the highest seen (a receiver). */
  summary(expected?: number): SequenceSummary {
    const total = expected ?? this.highest + 1
    return {
      received: this.distinct,
      lost: Math.max(0, total - this.distinct),
      duplicated: this.duplicated,
      reordered: this.reordered,
      jitterMs: this.jitter,
    }
  }

  get received(): number {
    return this.distinct
  }

  /** RFC 3550 §6.4.1: J += (|D| − J) / 16, D the change in transit time between consecutive arrivals. */
  private updateJitter(transitMs: number): void {
    if (this.lastTransit !== undefined)
      this.jitter += (Math.abs(transitMs - this.lastTransit) - this.jitter) / 16
    this.lastTransit = transitMs
  }

  /** Clears the bits of the numbers that the window passes over on its way to `seq`. */
  private slideTo(seq: number): void {
    const from = this.highest + 1
    if (seq - from >= WINDOW) this.seen.fill(0)
    else for (let n = from; n <= seq; n++) this.seen[(n % WINDOW) >> 3]! &= ~(1 << (n & 7))
    this.highest = seq
  }

  private mark(seq: number): void {
    this.seen[(seq % WINDOW) >> 3]! |= 1 << (seq & 7)
  }

  private isMarked(seq: number): boolean {
    return (this.seen[(seq % WINDOW) >> 3]! & (1 << (seq & 7))) !== 0
  }
}
