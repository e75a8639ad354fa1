import { build, type Histogram } from 'hdr-histogram-js'
import type { RttSummary } from '../../shared'

/** Microseconds: the recorded unit. Three significant digits keep 20 ms to within 20 µs. */
const MICROS_PER_MS = 1000
/** One hour in microseconds: beyond it a round trip is recorded as an hour. */
const HIGHEST_MICROS = 3_600_000_000

/** Round-trip times in an HDR histogram: fixed memory, percentiles to three significant digits. */
export class RttRecorder {
  private readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_MICROS,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  })

  record(rttMs: number): void {
    const micros = Math.round(rttMs * MICROS_PER_MS)
    this.histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, micros)))
  }

  get count(): number {
    return this.histogram.totalCount
  }

  summary(): RttSummary | undefined {
    const h = this.histogram
    if (h.totalCount === 0) return undefined
    const ms = (micros: number): number => micros / MICROS_PER_MS
    return {
      count: h.totalCount,
      minMs: ms(h.minNonZeroValue),
      p50Ms: ms(h.getValueAtPercentile(50)),
      p90Ms: ms(h.getValueAtPercentile(90)),
      p99Ms: ms(h.getValueAtPercentile(99)),
      maxMs: ms(h.maxValue),
      meanMs: ms(h.mean),
    }
  }

  dispose(): void {
    this.histogram.destroy()
  }
}
