import type { Counters } from '../../shared'

/** Exact byte and message counts; each count also goes to the parent (connection → session). */
export class TrafficCounter implements Counters {
  bytesIn = 0
  bytesOut = 0
  messagesIn = 0
  messagesOut = 0

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

  snapshot(): Counters {
    return {
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
    }
  }
}
