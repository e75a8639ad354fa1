import { CliErrorCode } from './cli-errors'
import { readRelayCommands } from './relay-control'
import type { Driver, RunContext, SessionPlan } from './session-plan'

/**
 * relay: the engine forwards on its own; the run ends when the session closes, on --timeout or a signal. With
 * --control, stdin's lines are commands for the running relay (relay-control.ts).
 */
export function relayDriver(context: RunContext, plan: SessionPlan, sessionId: string): Driver {
  return {
    onEvent(event) {
      if (event.type === 'close' && event.scope === 'session') context.ending.done()
    },
    start: async () => {
      if (!plan.behaviour.control) return
      readRelayCommands(context, sessionId).catch((thrown: unknown) =>
        context.output.problem({ code: CliErrorCode.internal, message: `--control: ${String(thrown)}` }),
      )
    },
    stop: () => undefined,
  }
}
