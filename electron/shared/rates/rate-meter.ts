import type { Counters } from '../model'
import { ZERO_RATES, ratesBetween, type CounterSample, type Rates } from './rates'

/** Columns in uPlot's layout: x (seconds) first, then one array per series. */
export type RateSeries = [
  time: number[],
  bytesIn: number[],
  bytesOut: number[],
  messagesIn: number[],
  messagesOut: number[],
]

/**
 * "Per second" means over the last second: sampled every half second, one 10-byte send must read
 * "10 B/s, 1 msg/s", not twice that.
 */
export const RATE_WINDOW_MS = 1_000
/** Samples kept to find the one a window back; more than a window's worth only when sampled very often. */
const MAX_RECENT_SAMPLES = 64

/**
 * Samples cumulative counters on the caller's clock and keeps the last `capacity` rates. Sampling on a timer
 * (not per event batch) is what makes the rate fall to zero when traffic stops: no batch arrives then.
 */
export class RateMeter {
  /** Earlier samples, oldest first: the first is the newest one at least a window old (or the oldest). */
  private readonly recent: CounterSample[] = []
  private current: Rates = ZERO_RATES
  private readonly series: RateSeries = [[], [], [], [], []]

  constructor(
    private readonly capacity = 60,
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** Records counters read at `time` (ms); answers the rates over the last window (at least one window long). */
  sample(counters: Counters, time: number): Rates {
    const sample: CounterSample = { ...counters, time }
    const recent = this.recent
    while (recent.length > 1 && recent[1]!.time <= time - this.windowMs) recent.shift()
    const base = recent[0]
    this.current = base === undefined ? ZERO_RATES : ratesBetween(base, sample, this.windowMs)
    recent.push(sample)
    if (recent.length > MAX_RECENT_SAMPLES) recent.shift()
    this.append(time / 1000, this.current)
    return this.current
  }

  get rates(): Rates {
    return this.current
  }

  /** The kept history, oldest first; the arrays are the meter's own, read them before the next sample. */
  get history(): RateSeries {
    return this.series
  }

  private append(seconds: number, rates: Rates): void {
    const [time, bytesIn, bytesOut, messagesIn, messagesOut] = this.series
    time.push(seconds)
    bytesIn.push(rates.bytesInPerSecond)
    bytesOut.push(rates.bytesOutPerSecond)
    messagesIn.push(rates.messagesInPerSecond)
    messagesOut.push(rates.messagesOutPerSecond)
    if (time.length > this.capacity) for (const column of this.series) column.shift()
  }
}
