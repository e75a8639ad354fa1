/**
 * Backpressure of one relay direction. Reading from the source stops once more than HIGH_WATER bytes wait
 * for the far side (held by faults, queued for its socket, in its socket's buffer) and starts again below
 * LOW_WATER: however slow the reader, a pair holds about a mebibyte per direction, never more.
 */
export const RELAY_HIGH_WATER = 1024 * 1024
export const RELAY_LOW_WATER = 256 * 1024

export interface FlowSource {
  pause(): void
  resume(): void
}

export class DirectionFlow {
  private pausedHere = false

  constructor(
    private readonly source: FlowSource,
    private readonly waiting: () => number,
  ) {}

  /** After something was added on the way to the far side. */
  added(): void {
    if (!this.pausedHere && this.waiting() > RELAY_HIGH_WATER) {
      this.pausedHere = true
      this.source.pause()
    }
  }

  /** After something reached the far side's kernel, or left the gate. */
  drained(): void {
    if (this.pausedHere && this.waiting() <= RELAY_LOW_WATER) {
      this.pausedHere = false
      this.source.resume()
    }
  }
}
