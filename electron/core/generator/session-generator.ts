import {
  CodedError,
  GeneratorLimits,
  OwnErrorCode,
  type GeneratorReport,
  type StartGeneratorCommand,
} from '../../shared'
import { wrongState } from '../engine/engine-errors'
import { Generator } from './generator'
import type { GeneratorLink } from './generator-link'
import { PROBE_HEADER_BYTES } from './probe-layout'

/** A session's generator slot: one run at a time, its latest figures kept for the session's info. */
export class SessionGenerator {
  private running: Generator | undefined
  private last: GeneratorReport | undefined
  private starting = false

  constructor(
    private readonly sessionId: string,
    private readonly emitReport: (report: GeneratorReport) => void,
  ) {}

  async start(command: StartGeneratorCommand, link: () => Promise<GeneratorLink>): Promise<GeneratorReport> {
    if (this.running !== undefined || this.starting) {
      throw wrongState(this.sessionId, 'already runs a generator: stop it first')
    }
    this.starting = true
    try {
      const body = command.data ?? new Uint8Array(command.size ?? GeneratorLimits.defaultMessageBytes)
      const ready = await link()
      this.refuseBody(body.byteLength, command.measure, ready)
      const generator = new Generator({ link: ready, command, body, report: this.onReport })
      this.running = generator
      void generator.done.then(() => {
        if (this.running === generator) this.running = undefined
      })
      generator.start()
      return generator.snapshot()
    } finally {
      this.starting = false
    }
  }

  stop(): Promise<GeneratorReport> {
    if (this.running === undefined) throw wrongState(this.sessionId, 'runs no generator')
    return this.running.stop()
  }

  /** The socket is gone: the run ends with what was sent. */
  sessionClosed(): void {
    void this.running?.stop('closed')
  }

  latest(): GeneratorReport | undefined {
    return this.running?.snapshot() ?? this.last
  }

  private readonly onReport = (report: GeneratorReport): void => {
    if (report.phase === 'done') this.last = report
    this.emitReport(report)
  }

  private refuseBody(bytes: number, measure: boolean, link: GeneratorLink): void {
    const refuse = (message: string): never => {
      throw new CodedError(OwnErrorCode.invalidRequest, message, this.sessionId)
    }
    if (measure && bytes < PROBE_HEADER_BYTES) {
      refuse(`a measured message needs at least ${PROBE_HEADER_BYTES} bytes for its sequence number and time`)
    }
    if (!link.datagrams && bytes === 0) refuse('an empty message sends nothing over a connection')
    if (bytes > link.maxMessageBytes) {
      refuse(
        `a message of ${bytes} bytes is larger than this socket can send at once (${link.maxMessageBytes})`,
      )
    }
  }
}
