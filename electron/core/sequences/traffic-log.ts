import { formatHex, formatText } from '../../shared'
import type { TrafficEntry } from '../../shared/sequences'

/** Entries kept per sequence (the last ones), and bytes kept of each: what a failure report shows. */
export const TRAFFIC_ENTRIES_KEPT = 200
export const TRAFFIC_BYTES_PER_ENTRY = 4096

/** The recent traffic of one sequence, bounded: the evidence a failed case keeps. */
export class TrafficLog {
  private readonly entries: TrafficEntry[] = []

  constructor(private readonly startedAt: number) {}

  add(direction: TrafficEntry['direction'], data: Uint8Array, time: number): void {
    const shown = data.subarray(0, TRAFFIC_BYTES_PER_ENTRY)
    const cut = data.length > shown.length ? ` … (${data.length} bytes)` : ''
    this.entries.push({
      direction,
      atMs: Math.max(0, Math.round(time - this.startedAt)),
      hex: formatHex(shown).replaceAll(' ', ''),
      text: formatText(shown) + cut,
    })
    if (this.entries.length > TRAFFIC_ENTRIES_KEPT) this.entries.shift()
  }

  list(): TrafficEntry[] {
    return [...this.entries]
  }
}
