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
 * Samples cumulative counters on the caller's clock and keeps the last `capacity` rates. Sampling on a timer
 * (not per event batch) is what makes the rate fall to zero when traffic stops: no batch arrives then.
 */
export class RateMeter {
  private previous: CounterSample | undefined
  private current: Rates = ZERO_RATES
  private readonly series: RateSeries = [[], [], [], [], []]

  constructor(private readonly capacity = 60) {}

  /** Records counters read at `time` (ms); answers the rates since the previous sample. */
  sample(counters: Counters, time: number): Rates {
    const sample: CounterSample = { ...counters, time }
    this.current = this.previous === undefined ? ZERO_RATES : ratesBetween(this.previous, sample)
    this.previous = sample
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
