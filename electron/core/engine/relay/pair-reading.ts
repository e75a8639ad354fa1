import type { RelayFaults } from '../../../shared'
import { planFaults } from './fault-effects'
import type { FlowSource } from './relay-flow'

type PauseReason = 'backpressure' | 'stall'

/**
 * The reading of one socket of a pair, stopped for either of two reasons: backpressure (DirectionFlow) or the
 * stall fault. It reads again only once neither holds, so the flow draining cannot end a stall, nor the other way.
 */
export class ReadingSwitch {
  private readonly reasons = new Set<PauseReason>()

  constructor(private readonly source: FlowSource) {}

  /** The source DirectionFlow drives. */
  readonly backpressure: FlowSource = {
    pause: () => this.set('backpressure', true),
    resume: () => this.set('backpressure', false),
  }

  set(reason: PauseReason, paused: boolean): void {
    const wasPaused = this.reasons.size > 0
    if (paused) this.reasons.add(reason)
    else this.reasons.delete(reason)
    const isPaused = this.reasons.size > 0
    if (isPaused && !wasPaused) this.source.pause()
    else if (!isPaused && wasPaused) this.source.resume()
  }
}

/**
 * Both reading switches of a TCP relay pair: the client socket is read for the to-upstream direction, the
 * upstream socket for the to-client one. A stalled direction stops its socket's reading at once (nothing more is
 * taken from the kernel, so the sender's window closes) until the stall is cleared.
 */
export class PairReading {
  readonly toUpstream: ReadingSwitch
  readonly toClient: ReadingSwitch

  constructor(client: FlowSource, upstream: FlowSource) {
    this.toUpstream = new ReadingSwitch(client)
    this.toClient = new ReadingSwitch(upstream)
  }

  apply(faults: RelayFaults): void {
    this.toUpstream.set('stall', planFaults(faults.toUpstream).stopsReading)
    this.toClient.set('stall', planFaults(faults.toClient).stopsReading)
  }
}
