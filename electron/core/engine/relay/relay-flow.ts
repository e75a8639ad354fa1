import { FULL_READ_BYTES } from './write-batch'

/**
 * Backpressure of one relay direction. Reading from the source stops once more than HIGH_WATER bytes wait
 * for the far side (held by faults, queued for its socket, in its socket's buffer) and starts again below
 * LOW_WATER: however slow the reader, a pair holds about a mebibyte per direction, never more (and a paused
 * client socket reads ahead as much again before it stops, see RELAY_SOCKET_HIGH_WATER).
 */
export const RELAY_HIGH_WATER = 1024 * 1024
export const RELAY_LOW_WATER = 256 * 1024

/**
 * The writable high-water mark of a relay's sockets: what one turn's reads hand over, up to and with the read
 * that crosses HIGH_WATER (and stops reading), fits in before write() says "full", so a WriteBatch sends it in
 * one writev; at HIGH_WATER itself that one read waited for 'drain' and went out in a write of its own. net.Server
 * sets an accepted socket's readable mark with it: a paused client socket reads ahead up to this much, then stops.
 */
export const RELAY_SOCKET_HIGH_WATER = RELAY_HIGH_WATER + FULL_READ_BYTES

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
