import type { GeneratorReport } from '../../shared'
import { eventTime } from '../engine/event-sequencer'
import { readProbe } from './probe-layout'
import { SequenceTracker } from './sequence-tracker'

/** Seconds without a measured message after which the receiver's figures are final. */
const IDLE_REPORTS = 2
const INTERVAL_MS = 1_000
/** First byte of the probe magic: one comparison keeps this off the path of every other datagram. */
const MAGIC_FIRST_BYTE = 0x53

/**
 * A receiving UDP session's view of another generator's measured messages: from their sequence numbers alone (no
 * echo) it counts lost, duplicated and reordered ones and the jitter, reports each second while they arrive, and a
 * final report once they stop. A new run id starts new figures.
 */
export class ReceiveMeter {
  private tracker: SequenceTracker | undefined
  private runId = -1
  private timer: ReturnType<typeof setInterval> | undefined
  private startedAt = 0
  private lastAt = 0
  private bytes = 0
  private messageBytes = 0
  private idleReports = 0
  private receivedAtLastReport = 0

  constructor(private readonly report: (report: GeneratorReport) => void) {}

  receive(message: Uint8Array): void {
    if (message[0] !== MAGIC_FIRST_BYTE) return
    const probe = readProbe(message)
    if (probe === undefined) return
    const at = eventTime()
    if (probe.runId !== this.runId) this.begin(probe.runId, message.byteLength, at)
    this.tracker!.record(probe.seq, at - probe.sentAt)
    this.bytes += message.byteLength
    this.lastAt = at
  }

  /** The socket closed: final figures now. */
  stop(): void {
    if (this.tracker !== undefined) this.finish()
  }

  private begin(runId: number, messageBytes: number, at: number): void {
    if (this.tracker !== undefined) this.finish()
    this.runId = runId
    this.tracker = new SequenceTracker()
    this.startedAt = at
    this.bytes = 0
    this.messageBytes = messageBytes
    this.idleReports = 0
    this.receivedAtLastReport = 0
    this.timer = setInterval(this.onInterval, INTERVAL_MS)
  }

  private readonly onInterval = (): void => {
    const received = this.tracker!.received
    this.idleReports = received === this.receivedAtLastReport ? this.idleReports + 1 : 0
    this.receivedAtLastReport = received
    if (this.idleReports >= IDLE_REPORTS) this.finish()
    else this.report(this.build('running'))
  }

  private finish(): void {
    clearInterval(this.timer)
    this.report(this.build('done'))
    this.tracker = undefined
    this.runId = -1
  }

  private build(phase: GeneratorReport['phase']): GeneratorReport {
    const sequence = this.tracker!.summary()
    const elapsedMs = this.lastAt - this.startedAt
    const rate = elapsedMs > 0 ? (sequence.received * 1000) / elapsedMs : 0
    return {
      role: 'receiver',
      phase,
      askedRate: null,
      messageBytes: this.messageBytes,
      elapsedMs,
      sent: 0,
      bytes: this.bytes,
      achievedRate: rate,
      achievedBitsPerSecond: rate * this.messageBytes * 8,
      errors: 0,
      queue: 0,
      limitedByPeer: false,
      sequence,
    }
  }
}
