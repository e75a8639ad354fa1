import type { OutgoingMessage, SessionEvent } from '../shared'
import type { RepeatPlan } from './command-line'
import type { Result } from '../shared/result'
import { exitCodeOf } from './exit-codes'
import type { Driver, RunContext, SessionPlan } from './session-plan'

/**
 * connect: sends every payload in order (then stdin's chunks with --stdin, one at a time: a slow peer slows the
 * reading, nothing piles up), then ends on the peer's close, after --wait MS of silence (unless
 * --keep-open), on a network error, or when the run's --timeout / a signal ends it first. With --template or
 * --repeat the engine encodes (and expands) each message itself; --repeat hands the last one to its repeater and
 * waits until it is done.
 */
export function clientDriver(
  { workbench, ending, stdin }: RunContext,
  { payloads, messages, behaviour }: SessionPlan,
  sessionId: string,
): Driver {
  let allSent = false
  let silence: ReturnType<typeof setTimeout> | undefined

  function restartSilence(): void {
    if (!allSent || behaviour.keepOpen) return
    clearTimeout(silence)
    silence = setTimeout(() => ending.done(), behaviour.waitMs)
  }

  /** Whether the run goes on after a step; a failed step ends it. */
  function carryOn(result: Result<unknown>): boolean {
    if (ending.settled) return false
    if (!result.ok) ending.end({ exitCode: exitCodeOf(result.error), error: result.error })
    return result.ok
  }

  /** Sends one payload; false once the run is over (a failed send ends it). */
  async function send(data: Uint8Array): Promise<boolean> {
    return carryOn(await workbench.handlers.send({ sessionId, data }))
  }

  async function sendMessage(message: OutgoingMessage): Promise<boolean> {
    return carryOn(await workbench.handlers.sendMessage({ sessionId, message }))
  }

  /** The engine's repeater sends the message; the run waits for it (or ends first, which stops it). */
  async function repeat(message: OutgoingMessage, { everyMs, times }: RepeatPlan): Promise<boolean> {
    if (!carryOn(await workbench.handlers.repeatStart({ sessionId, message, everyMs, times }))) return false
    const final = await workbench.messaging.repeater.finished(sessionId)
    if (final?.state === 'failed' && final.error) return carryOn({ ok: false, error: final.error })
    return !ending.settled
  }

  async function sendMessages(planned: readonly OutgoingMessage[]): Promise<boolean> {
    const plan = behaviour.repeat
    const repeated = plan === undefined ? undefined : planned.at(-1)
    const once = repeated === undefined ? planned : planned.slice(0, -1)
    for (const message of once) if (!(await sendMessage(message))) return false
    return plan === undefined || repeated === undefined || (await repeat(repeated, plan))
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
      if (messages !== undefined && !(await sendMessages(messages))) return
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
