import type { SessionEvent } from '../shared'
import { exitCodeOf } from './exit-codes'
import type { Driver, RunContext, SessionPlan } from './session-plan'

/**
 * connect: sends every payload in order (then stdin's chunks with --stdin, one at a time: a slow peer slows the
 * reading, nothing piles up), then ends on the peer's close, after --wait MS of silence (unless
 * --keep-open), on a network error, or when the run's --timeout / a signal ends it first.
 */
export function clientDriver(
  { workbench, ending, stdin }: RunContext,
  { payloads, behaviour }: SessionPlan,
  sessionId: string,
): Driver {
  let allSent = false
  let silence: ReturnType<typeof setTimeout> | undefined

  function restartSilence(): void {
    if (!allSent || behaviour.keepOpen) return
    clearTimeout(silence)
    silence = setTimeout(() => ending.done(), behaviour.waitMs)
  }

  /** Sends one payload; false once the run is over (a failed send ends it). */
  async function send(data: Uint8Array): Promise<boolean> {
    const sent = await workbench.handlers.send({ sessionId, data })
    if (ending.settled) return false
    if (!sent.ok) ending.end({ exitCode: exitCodeOf(sent.error), error: sent.error })
    return sent.ok
  }

  async function sendInput(): Promise<boolean> {
    for await (const chunk of stdin) {
      if (!(await send(chunk as Buffer))) return false
    }
    return true
  }

  return {
    onEvent(event: SessionEvent) {
      if (event.type === 'received') restartSilence()
      else if (event.type === 'error') ending.end({ exitCode: exitCodeOf(event.error), error: event.error })
      else if (event.type === 'close' && event.scope === 'session') ending.done()
    },
    async start() {
      for (const data of payloads) if (!(await send(data))) return
      if (behaviour.stdin && !(await sendInput())) return
      if (behaviour.halfClose) {
        const halfClosed = await workbench.handlers.halfClose({ sessionId })
        if (!halfClosed.ok)
          return ending.end({ exitCode: exitCodeOf(halfClosed.error), error: halfClosed.error })
      }
      allSent = true
      restartSilence()
    },
    stop() {
      clearTimeout(silence)
    },
  }
}
