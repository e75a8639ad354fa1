import type { Framing } from '../../shared'
import {
  composeInbound,
  type Deliver,
  type Inbound,
  type InboundSinks,
  type InboundStage,
  type InboundStages,
} from './pipeline'

// A connection's (or UDP socket's) inbound whose framing may change while it is open. The change takes effect at
// the next boundary between reads: the old framing is ended as if its stream had ended (what it still holds is
// reported as "incomplete frame, N bytes"; an idle-gap frame in progress is handed on as a frame), and the next
// read starts the new framing afresh. Finishing the held frame under the old mode instead could wait forever for a
// delimiter that never comes. The pipeline's own stages stay the same instances across the change.

/** The framing stage for a framing (undefined: the session does not frame). */
export type FramingStageFactory = (framing: Framing | undefined) => InboundStage | undefined

export class ReframableInbound implements Inbound {
  private current: Inbound
  private framingStage: InboundStage | undefined
  /** What the framing stage hands its frames to; known once it has been pushed anything (before that it holds nothing). */
  private afterFraming: Deliver | undefined

  constructor(
    private readonly stages: InboundStages,
    private readonly sinks: InboundSinks,
    private readonly framingStageFor: FramingStageFactory,
    framing: Framing | undefined,
  ) {
    this.current = this.compose(framing)
  }

  readonly receive: Deliver = (data, remote) => this.current.receive(data, remote)

  end(): void {
    this.current.end()
  }

  /** Ends the framing in use (reporting what it holds) and frames every later read with `framing`. */
  reframe(framing: Framing | undefined): void {
    const { framingStage, afterFraming } = this
    if (framingStage !== undefined && afterFraming !== undefined) framingStage.end?.(afterFraming)
    this.current = this.compose(framing)
  }

  private compose(framing: Framing | undefined): Inbound {
    const stage = this.framingStageFor(framing)
    this.framingStage = stage
    this.afterFraming = undefined
    if (stage === undefined) return composeInbound(this.stages, this.sinks)
    const noting: InboundStage = {
      push: (data, remote, next) => {
        this.afterFraming = next
        stage.push(data, remote, next)
      },
    }
    const { end } = stage
    if (end !== undefined) noting.end = (next) => end.call(stage, next)
    return composeInbound({ ...this.stages, shape: [noting, ...this.stages.shape] }, this.sinks)
  }
}
