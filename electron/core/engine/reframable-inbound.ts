import type { Framing } from '../../shared'
import {
  composeInbound,
  type ComposedInbound,
  type Deliver,
  type FramingStage,
  type Inbound,
  type InboundSinks,
  type InboundStages,
} from './pipeline'

// A connection's (or UDP socket's) inbound whose framing may change while it is open. The change takes effect at
// the next boundary between reads: the old framing is ended as if its stream had ended (what it still holds is
// reported as "incomplete frame, N bytes"; an idle-gap frame in progress is handed on as a frame), and the next
// read starts the new framing afresh. Finishing the held frame under the old mode instead could wait forever for a
// delimiter that never comes. The pipeline's own stages stay the same instances across the change.

/** The framing stage for a framing (undefined: the session does not frame). */
export type FramingStageFactory = (framing: Framing | undefined) => FramingStage | undefined

export class ReframableInbound implements Inbound {
  private current: ComposedInbound
  /** Whether the framing in use was given anything (before that it holds nothing to end). */
  private pushed = false

  constructor(
    private readonly stages: InboundStages,
    private readonly sinks: InboundSinks,
    private readonly framingStageFor: FramingStageFactory,
    framing: Framing | undefined,
  ) {
    this.current = this.compose(framing)
  }

  readonly receive: Deliver = (data, remote) => {
    this.pushed = true
    this.current.receive(data, remote)
  }

  end(): void {
    this.current.end()
  }

  /** Ends the framing in use (reporting what it holds) and frames every later read with `framing`. */
  reframe(framing: Framing | undefined): void {
    if (this.pushed) this.current.endFraming()
    this.pushed = false
    this.current = this.compose(framing)
  }

  private compose(framing: Framing | undefined): ComposedInbound {
    return composeInbound(this.stages, this.sinks, this.framingStageFor(framing))
  }
}
