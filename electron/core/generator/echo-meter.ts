import { eventTime } from '../engine/event-sequencer'
import { PROBE_HEADER_BYTES, readProbe } from './probe-layout'
import { RttRecorder } from './rtt-recorder'
import { SequenceTracker } from './sequence-tracker'

/**
 * Reads the echoes of one run's probes: round-trip times, and what their sequence numbers say. Datagrams are one
 * message each; a byte stream is cut into records of the run's message size (an echo keeps the stream's order, so
 * the records line up with what was sent).
 */
export class EchoMeter {
  readonly rtt = new RttRecorder()
  readonly sequence = new SequenceTracker()
  private readonly header = new Uint8Array(PROBE_HEADER_BYTES)
  /** Bytes of the current record already seen (stream only). */
  private position = 0

  constructor(
    private readonly runId: number,
    private readonly messageBytes: number,
    private readonly datagrams: boolean,
  ) {}

  receive(data: Uint8Array, at = eventTime()): void {
    if (this.datagrams) this.onMessage(data, at)
    else this.onStream(data, at)
  }

  dispose(): void {
    this.rtt.dispose()
  }

  private onMessage(message: Uint8Array, at: number): void {
    const probe = readProbe(message)
    if (probe === undefined || probe.runId !== this.runId) return
    const rttMs = at - probe.sentAt
    this.rtt.record(rttMs)
    this.sequence.record(probe.seq, rttMs)
  }

  private onStream(chunk: Uint8Array, at: number): void {
    let index = 0
    while (index < chunk.byteLength) {
      if (this.position < PROBE_HEADER_BYTES) {
        const take = Math.min(PROBE_HEADER_BYTES - this.position, chunk.byteLength - index)
        this.header.set(chunk.subarray(index, index + take), this.position)
        this.position += take
        index += take
        if (this.position === PROBE_HEADER_BYTES) this.onMessage(this.header, at)
      } else {
        const skip = Math.min(this.messageBytes - this.position, chunk.byteLength - index)
        this.position += skip
        index += skip
      }
      if (this.position === this.messageBytes) this.position = 0
    }
  }
}
