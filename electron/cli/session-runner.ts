import { CodedError, eachSessionEvent, type SessionEvent } from '../shared'
import { usageError } from './cli-errors'
import { clientDriver } from './client-driver'
import { exitCodeOf } from './exit-codes'
import { relayDriver } from './relay-driver'
import { serverDriver } from './server-driver'
import type { Driver, RunContext, SessionPlan } from './session-plan'

/** Starts --record FILE; a file that cannot be made is a usage error: nothing has been sent yet. */
async function startRecording(
  { workbench, output }: RunContext,
  sessionId: string,
  path: string,
): Promise<void> {
  try {
    const status = await workbench.captures.start(sessionId, { path })
    output.notice(`recording to ${status.path}`)
  } catch (thrown) {
    if (!(thrown instanceof CodedError)) throw thrown
    throw usageError(`--record ${path}: ${thrown.message}`)
  }
}

const DRIVERS = { client: clientDriver, server: serverDriver, relay: relayDriver } as const

/** Events held while --record opens its file, for the driver that starts after it (a bounded wait of milliseconds). */
const MAX_HELD_EVENTS = 10_000

/**
 * Opens the plan's session through the handler table (the app's own validation), starts recording, and hands
 * the session to its role's driver. Everything that ends the run reports to `context.ending`; the caller waits
 * on it and disposes the workbench.
 */
export async function runSession(context: RunContext, plan: SessionPlan): Promise<void> {
  const { workbench, output, ending } = context
  const startedAt = Date.now()
  // Set once the session is open and recording (if asked); events before the open are only shown, events
  // after it are held for the driver (a client may connect, and send, while the capture file is being opened).
  const running: { driver?: Driver; held?: SessionEvent[]; timer?: ReturnType<typeof setTimeout> } = {}
  // Each frame of a batched 'frames' event is a line (and a JSON object) of its own, as it always was.
  const unsubscribe = workbench.engine.subscribe(
    eachSessionEvent((event) => {
      output.event(event)
      if (running.driver !== undefined) running.driver.onEvent(event)
      else if (running.held !== undefined && running.held.length < MAX_HELD_EVENTS) running.held.push(event)
    }),
  )
  void ending.promise.then(() => {
    clearTimeout(running.timer)
    running.driver?.stop()
    // The closing sockets' events are still shown; the subscription ends with the dispose the caller awaits too.
    void workbench.dispose().finally(unsubscribe)
  })

  const opened = await workbench.handlers.openSession(plan.request)
  if (!opened.ok) return ending.end({ exitCode: exitCodeOf(opened.error), error: opened.error })
  if (ending.settled) return
  const sessionId = opened.value.id
  if ((opened.value.options.framing?.mode ?? 'none') !== 'none') output.showFrames()
  running.held = []
  if (plan.behaviour.record !== undefined) await startRecording(context, sessionId, plan.behaviour.record)
  if (ending.settled) return

  const { timeoutMs } = plan.behaviour
  if (timeoutMs !== undefined) {
    running.timer = setTimeout(() => ending.done(), Math.max(0, timeoutMs - (Date.now() - startedAt)))
  }
  const driver = DRIVERS[plan.role](context, plan, sessionId)
  running.driver = driver
  for (const event of running.held.splice(0)) driver.onEvent(event)
  await driver.start()
}
