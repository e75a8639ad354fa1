import { randomInt } from 'node:crypto'
import type { CodedError, GeneratorEndReason, GeneratorReport, StartGeneratorCommand } from '../../shared'
import { Pacer, type PacingRate } from '../engine/pacer'
import { EchoMeter } from './echo-meter'
import type { GeneratorLink } from './generator-link'
import { MessageSource } from './message-source'
import { RunFigures } from './run-figures'
import { sendTurns } from './send-turns'

export const GeneratorTiming = {
  /** Interval reports. */
  intervalMs: 1_000,
  /** After the last send, how long a measured run waits for echoes still on their way. */
  echoGraceMs: 1_000,
  /** Datagrams written between two looks at the clock within a turn. */
  datagramBatch: 16,
  /** A stream's messages are written together, this many (and at most streamBatchBytes) per write. */
  streamBatchMessages: 256,
  streamBatchBytes: 64 * 1024,
  /** Bytes a stream may have handed to the socket and not completed: what bounds memory against a slow reader. */
  streamInFlightBytes: 1024 * 1024,
  datagramsInFlight: 256,
  /**
   * How late the event loop may be (a busy machine, a GC pause) and still have the rate made up afterwards; a longer
   * stall is lost, and the achieved rate says so. Not in a run with a duration: it plans rate × duration messages,
   * and a stall inside it is made up before it ends.
   */
  burstMs: 250,
} as const

/** A last interval shorter than this (a run that ended just after a report) is left out of the summary. */
const MIN_FINAL_INTERVAL_MS = 50

export interface GeneratorOptions {
  link: GeneratorLink
  command: StartGeneratorCommand
  /** The message body (zeros of the asked size, or the data given); measured runs overwrite its first 24 bytes. */
  body: Uint8Array
  /** Each interval report and the final one. */
  report(report: GeneratorReport): void
}

/**
 * One run: paces messages onto a session's socket with the engine's Pacer (a token bucket and a bound on writes in
 * flight), counts what the socket completed, and (measured) reads the echoes. It sends only in its part of a turn of
 * the event loop shared by all generators (send-turns.ts), so other sessions' sockets are read and answered between
 * two turns, however fast it goes.
 */
export class Generator {
  readonly done: Promise<GeneratorReport>
  private finish!: (report: GeneratorReport) => void
  private readonly link: GeneratorLink
  private readonly command: StartGeneratorCommand
  private readonly source: MessageSource
  private readonly pacer: Pacer
  private readonly figures: RunFigures
  private readonly echoes: EchoMeter | undefined
  private readonly detach: () => void
  private readonly batchLimit: number
  /** Messages this run sends at most: the count, or what the rate fits into the duration, whichever is fewer. */
  private readonly planned: number
  private issued = 0
  private endReason: GeneratorEndReason | undefined
  /** Waiting for the pacer's next token; then it asks for a turn. */
  private tokenTimer: ReturnType<typeof setTimeout> | undefined
  private durationTimer: ReturnType<typeof setTimeout> | undefined
  private intervalTimer: ReturnType<typeof setInterval> | undefined
  private graceTimer: ReturnType<typeof setTimeout> | undefined
  private waitingForSlot = false
  private finished = false

  constructor(private readonly options: GeneratorOptions) {
    const { link, command, body } = options
    this.link = link
    this.command = command
    this.done = new Promise((resolve) => (this.finish = resolve))
    const runId = randomInt(0, 0x1_0000_0000)
    this.source = new MessageSource(body, command.measure, runId)
    const bytes = this.source.bytes
    this.batchLimit = link.datagrams
      ? GeneratorTiming.datagramBatch
      : Math.max(
          1,
          Math.min(
            GeneratorTiming.streamBatchMessages,
            Math.floor(GeneratorTiming.streamBatchBytes / Math.max(1, bytes)),
          ),
        )
    const maxInFlight =
      command.maxInFlight ??
      (link.datagrams
        ? GeneratorTiming.datagramsInFlight
        : Math.max(1, Math.floor(GeneratorTiming.streamInFlightBytes / Math.max(1, bytes))))
    this.pacer = new Pacer({
      rate: pacingRate(command),
      maxInFlight,
      burstMs: command.durationMs === undefined ? GeneratorTiming.burstMs : Number.POSITIVE_INFINITY,
    })
    const asked = askedMessageRate(command, bytes)
    this.figures = new RunFigures(asked, bytes)
    // "500 msg/s for 2 s" is 1,000 messages, not one more when the duration's timer fires a little late.
    const fitsDuration =
      asked === null || command.durationMs === undefined
        ? Infinity
        : Math.round((asked * command.durationMs) / 1000)
    this.planned = Math.min(command.count ?? Infinity, Math.max(1, fitsDuration))
    this.echoes = command.measure ? new EchoMeter(runId, bytes, link.datagrams) : undefined
    this.detach = link.attach({
      received: (data, at) => {
        this.echoes?.receive(data, at)
        if (this.graceTimer !== undefined && this.allEchoed()) this.complete()
      },
      error: (error) => this.figures.countError(error),
    })
  }

  start(): void {
    this.figures.start()
    this.intervalTimer = setInterval(
      () => this.options.report(this.report('running')),
      GeneratorTiming.intervalMs,
    )
    const { durationMs } = this.command
    if (durationMs !== undefined) {
      const endsAt = performance.now() + durationMs
      const endOfDuration = (): void => {
        // Node's timers count whole milliseconds: one may run up to 1 ms before its time has passed, when the last
        // messages planned are not yet due (2,000 msg/s for 3 s ended at 5,999).
        const early = endsAt - performance.now()
        if (early > 0) {
          this.durationTimer = setTimeout(endOfDuration, Math.ceil(early))
          return
        }
        // Messages due by now go first, all of them (as many as the bound on writes in flight lets): the next turn
        // may fall just after the duration's timer, and the run ends here.
        this.takeTurn(Number.POSITIVE_INFINITY)
        this.end('duration')
      }
      this.durationTimer = setTimeout(endOfDuration, durationMs)
    }
    sendTurns.request(this.takeTurn)
  }

  /** Stops sending at once; the final report follows once writes in flight completed (and echoes had their grace). */
  stop(reason: GeneratorEndReason = 'stopped'): Promise<GeneratorReport> {
    this.end(reason)
    return this.done
  }

  /** The figures so far (what an interval report carries, without its interval). */
  snapshot(): GeneratorReport {
    return this.figures.report('running', this.pacer.inFlight, this.echoes)
  }

  /** Its part of a turn: writes what the pacer grants until `endsAt` (one batch at least), then says what is next. */
  private readonly takeTurn = (endsAt: number): void => {
    this.unschedule()
    if (this.endReason !== undefined) return
    const bytes = this.source.bytes
    let granted: number
    do {
      granted = this.pacer.grant(Math.min(this.batchLimit, this.planned - this.issued), bytes)
      if (granted > 0) this.write(granted)
    } while (granted === this.batchLimit && performance.now() < endsAt)
    if (this.issued >= this.planned)
      return this.end(this.issued === this.command.count ? 'count' : 'duration')
    if (granted === this.batchLimit) {
      // More is due and the turn is over: the next turn comes after the loop's I/O (not a microtask, no timer).
      sendTurns.request(this.takeTurn)
    } else if (this.pacer.full) {
      this.waitingForSlot = true
      this.figures.blockedOnPeer(true)
    } else {
      this.tokenTimer = setTimeout(() => sendTurns.request(this.takeTurn), this.pacer.delayMs(bytes))
    }
  }

  private unschedule(): void {
    clearTimeout(this.tokenTimer)
    this.tokenTimer = undefined
    sendTurns.cancel(this.takeTurn)
  }

  private write(count: number): void {
    const firstSeq = this.issued
    this.issued += count
    if (this.link.datagrams) {
      for (let i = 0; i < count; i++)
        this.link.write(this.source.message(firstSeq + i), this.onDatagramWritten)
    } else {
      this.link.write(this.source.batch(firstSeq, count), this.onWritten(count))
    }
  }

  /** One callback for every datagram: no closure made per message at tens of thousands a second. */
  private readonly onDatagramWritten = this.onWritten(1)

  private onWritten(count: number): (error: CodedError | undefined) => void {
    return (error) => {
      this.pacer.settle(count)
      if (error === undefined) this.figures.countSent(count)
      else this.figures.countFailed(count, error)
      if (this.endReason !== undefined) {
        if (this.pacer.inFlight === 0) this.afterLastWrite()
        return
      }
      if (this.waitingForSlot) {
        // Not a write from inside this callback: the rest of the turn's completions (and other sockets) come first.
        this.waitingForSlot = false
        this.figures.blockedOnPeer(false)
        sendTurns.request(this.takeTurn)
      }
    }
  }

  /** No more messages: clears the timers; the run completes when the writes in flight have. */
  private end(reason: GeneratorEndReason): void {
    if (this.endReason !== undefined) return
    this.endReason = reason
    this.unschedule()
    clearTimeout(this.durationTimer)
    // The summary carries what is left of the current interval; no interval reports while echoes come back.
    clearInterval(this.intervalTimer)
    if (this.waitingForSlot) this.figures.blockedOnPeer(false)
    this.figures.stop()
    // A closed socket never completes its writes: nothing more will come.
    if (this.pacer.inFlight === 0 || reason === 'closed') this.afterLastWrite()
  }

  /** Measured runs wait for echoes still on their way, at most the grace period. */
  private afterLastWrite(): void {
    if (this.finished || this.graceTimer !== undefined) return
    if (this.echoes === undefined || this.endReason === 'closed' || this.allEchoed()) return this.complete()
    this.graceTimer = setTimeout(() => this.complete(), GeneratorTiming.echoGraceMs)
  }

  private allEchoed(): boolean {
    return this.echoes !== undefined && this.echoes.sequence.received >= this.figures.sent
  }

  private complete(): void {
    if (this.finished) return
    this.finished = true
    clearTimeout(this.graceTimer)
    clearInterval(this.intervalTimer)
    this.detach()
    const report = this.report('done')
    this.echoes?.dispose()
    this.options.report(report)
    this.finish(report)
  }

  private report(phase: GeneratorReport['phase']): GeneratorReport {
    const report = this.figures.report(phase, this.pacer.inFlight, this.echoes)
    if (phase === 'done') report.endReason = this.endReason
    // The summary carries the last, partial interval too: what was sent since the last report.
    const interval = this.figures.nextInterval()
    if (phase === 'running' || interval.durationMs >= MIN_FINAL_INTERVAL_MS) report.interval = interval
    return report
  }
}

function pacingRate({ rate, rateUnit }: StartGeneratorCommand): PacingRate {
  return rate === undefined ? { unit: 'unlimited' } : { unit: rateUnit, perSecond: rate }
}

/** The asked rate in messages per second (bits per second divided by the message's bits); null: unlimited. */
function askedMessageRate({ rate, rateUnit }: StartGeneratorCommand, bytes: number): number | null {
  if (rate === undefined) return null
  return rateUnit === 'messages' ? rate : rate / Math.max(8, bytes * 8)
}
