import { formatHex, formatText } from '../../shared'
import type { TrafficEntry } from '../../shared/sequences'

/** Entries kept per sequence (the last ones), and bytes kept of each: what a failure report shows. */
export const TRAFFIC_ENTRIES_KEPT = 200
export const TRAFFIC_BYTES_PER_ENTRY = 4096

interface Kept {
  direction: TrafficEntry['direction']
  time: number
  /** The event's bytes, at most TRAFFIC_BYTES_PER_ENTRY of them; formatted only if a report needs it. */
  data: Uint8Array
  length: number
}

/**
 * The recent traffic of one sequence, bounded: the evidence a failed case keeps. Entries are formatted only when
 * listed, since a passing sequence (nearly all) never shows them.
 */
export class TrafficLog {
  private readonly entries: Kept[] = []

  constructor(private readonly startedAt: number) {}

  add(direction: TrafficEntry['direction'], data: Uint8Array, time: number): void {
    // A long chunk is copied down so the log never holds on to a large buffer.
    const kept = data.length > TRAFFIC_BYTES_PER_ENTRY ? data.slice(0, TRAFFIC_BYTES_PER_ENTRY) : data
    this.entries.push({ direction, time, data: kept, length: data.length })
    if (this.entries.length > TRAFFIC_ENTRIES_KEPT * 2) this.entries.splice(0, TRAFFIC_ENTRIES_KEPT)
  }

  list(): TrafficEntry[] {
    return this.entries.slice(-TRAFFIC_ENTRIES_KEPT).map(({ direction, time, data, length }) => ({
      direction,
      atMs: Math.max(0, Math.round(time - this.startedAt)),
      hex: formatHex(data).replaceAll(' ', ''),
      text: formatText(data) + (length > data.length ? ` … (${length} bytes)` : ''),
    }))
  }
}
