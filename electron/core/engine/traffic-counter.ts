import type { Counters } from '../../shared'

/** Exact counts: bytes and messages (chunks, datagrams) each way, and frames cut from what was received. */
export interface TrafficCounts extends Counters {
  framesIn: number
}

/** Exact byte, message and frame counts; each count also goes to the parent (connection → session). */
export class TrafficCounter implements TrafficCounts {
  bytesIn = 0
  bytesOut = 0
  messagesIn = 0
  messagesOut = 0
  framesIn = 0

  constructor(private readonly parent?: TrafficCounter) {}

  countIn(bytes: number): void {
    this.bytesIn += bytes
    this.messagesIn += 1
    this.parent?.countIn(bytes)
  }

  countOut(bytes: number): void {
    this.bytesOut += bytes
    this.messagesOut += 1
    this.parent?.countOut(bytes)
  }

  countFrames(frames: number): void {
    this.framesIn += frames
    this.parent?.countFrames(frames)
  }

  snapshot(): TrafficCounts {
    return {
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      framesIn: this.framesIn,
    }
  }
}
