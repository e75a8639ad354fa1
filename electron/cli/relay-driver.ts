import type { Driver, RunContext, SessionPlan } from './session-plan'

/** relay: the engine forwards on its own; the run ends when the session closes, on --timeout or a signal. */
export function relayDriver({ ending }: RunContext, _plan: SessionPlan, _sessionId: string): Driver {
  return {
    onEvent(event) {
      if (event.type === 'close' && event.scope === 'session') ending.done()
    },
    start: async () => undefined,
    stop: () => undefined,
  }
}
