import { eventTime } from '../engine/event-sequencer'
import { PROBE_HEADER_BYTES, writeProbe } from './probe-layout'

/**
 * The bytes of each message. Unmeasured, every message is the same buffer (never written again, so it can be
 * handed to the socket any number of times); measured, each is a fresh copy with its own probe header.
 */
export class MessageSource {
  private readonly body: Buffer

  constructor(
    body: Uint8Array,
    private readonly measured: boolean,
    private readonly runId: number,
  ) {
    this.body = Buffer.from(body)
  }

  get bytes(): number {
    return this.body.byteLength
  }

  /** `count` messages from sequence number `firstSeq`, in one buffer (a stream writes them together). */
  batch(firstSeq: number, count: number): Buffer {
    if (count === 1) return this.message(firstSeq)
    const out = Buffer.allocUnsafe(this.body.byteLength * count)
    for (let i = 0; i < count; i++) {
      const at = i * this.body.byteLength
      this.body.copy(out, at)
      if (this.measured)
        writeProbe(out.subarray(at, at + PROBE_HEADER_BYTES), this.runId, firstSeq + i, eventTime())
    }
    return out
  }

  message(seq: number): Buffer {
    if (!this.measured) return this.body
    const out = Buffer.allocUnsafe(this.body.byteLength)
    this.body.copy(out)
    writeProbe(out, this.runId, seq, eventTime())
    return out
  }
}
