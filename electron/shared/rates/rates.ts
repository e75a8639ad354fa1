import type { Counters } from '../model'

/** Exact cumulative counters read at `time` (milliseconds, any monotonic clock). */
export interface CounterSample extends Counters {
  time: number
}

export interface Rates {
  bytesInPerSecond: number
  bytesOutPerSecond: number
  messagesInPerSecond: number
  messagesOutPerSecond: number
}

export const ZERO_RATES: Rates = Object.freeze({
  bytesInPerSecond: 0,
  bytesOutPerSecond: 0,
  messagesInPerSecond: 0,
  messagesOutPerSecond: 0,
})

/** A counter that went down belongs to a new session (or a reset), so it contributes no rate. */
const perSecond = (before: number, after: number, seconds: number): number =>
  after >= before ? (after - before) / seconds : 0

/**
 * Rates over the interval between two samples of the same counters, counted as at least `minimumMs` long (so
 * what happened in a shorter interval is not scaled up to a whole second).
 */
export function ratesBetween(previous: CounterSample, current: CounterSample, minimumMs = 0): Rates {
  const elapsedMs = current.time - previous.time
  if (!(elapsedMs > 0)) return ZERO_RATES
  const seconds = Math.max(elapsedMs, minimumMs) / 1000
  return {
    bytesInPerSecond: perSecond(previous.bytesIn, current.bytesIn, seconds),
    bytesOutPerSecond: perSecond(previous.bytesOut, current.bytesOut, seconds),
    messagesInPerSecond: perSecond(previous.messagesIn, current.messagesIn, seconds),
    messagesOutPerSecond: perSecond(previous.messagesOut, current.messagesOut, seconds),
  }
}
