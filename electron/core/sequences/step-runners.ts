import { CodedError, OwnErrorCode, toErrorInfo, type SendCommand } from '../../shared'
import { expectationTypeOf, reportFailure, type Step, type StepKind } from '../../shared/sequences'
import { awaitCondition, awaitVerdict, pause } from './expectation-wait'
import { OpenFailure, PASSED, stepFailed, type SequenceRun, type StepOutcome } from './sequence-run'
import { MAX_INBOX_BYTES, type Inbox } from './inbox'
import { buildStepPayload } from './step-payload'

// How each kind of step runs. The compiler checks that every Step kind of the shared registry has a runner here.

/** Runs a block of steps (a repeat's body) for one round; false when a step failed. */
export type BlockRunner = (steps: readonly Step[], idPrefix: string, round: number) => Promise<boolean>

type StepRunner<K extends StepKind> = (
  step: Extract<Step, { kind: K }>,
  run: SequenceRun,
  runBlock: BlockRunner,
) => Promise<StepOutcome>

const noSession = (): StepOutcome => stepFailed('no session is open (a close step came before?)')

/**
 * A server's first send or expect waits for a client when no accept step came before. Answers at once (no
 * promise) when there is a peer already: the case of every step of a send/expect loop.
 */
function currentPeer(run: SequenceRun, timeoutMs: number): StepOutcome | Promise<StepOutcome> {
  const conversation = run.conversation
  if (conversation === undefined) return noSession()
  if (conversation.current !== undefined) return PASSED
  return waitForClient(run, timeoutMs)
}

async function waitForClient(run: SequenceRun, timeoutMs: number): Promise<StepOutcome> {
  const conversation = run.conversation!
  const budget = run.budget(timeoutMs)
  const accepted = await awaitCondition(
    () => conversation.takeWaitingClient(),
    (signal) => conversation.onAccept(signal),
    budget.ms,
  )
  if (accepted) return PASSED
  return stepFailed(budget.byTotal ? run.totalTimeoutMessage() : `no client connected within ${budget.ms} ms`)
}

/** Who a send goes to: the session's peer, the current accepted client, or a UDP server's last sender. */
function sendRequest(run: SequenceRun, data: SendCommand['data']): SendCommand | string {
  const conversation = run.conversation!
  const current = conversation.current!
  if (conversation.acceptsConnections)
    return { sessionId: conversation.sessionId, connectionId: current.connectionId, data }
  if (run.opened?.remote !== undefined || conversation.connectionOriented)
    return { sessionId: conversation.sessionId, data }
  const sender = current.inbox.lastSender
  if (sender === undefined) return 'no datagram has arrived yet, so there is nobody to answer'
  return { sessionId: conversation.sessionId, data, remoteHost: sender.address, remotePort: sender.port }
}

const overflow = (inbox: Inbox): StepOutcome | undefined =>
  inbox.overflowed
    ? stepFailed(`more than ${MAX_INBOX_BYTES} bytes arrived that no expectation took`, OwnErrorCode.limit)
    : undefined

const whyClosed = (run: SequenceRun): string => {
  const error = run.conversation?.lastError
  return error === undefined ? '' : ` (${error.code}: ${error.message})`
}

export const stepRunners: { [K in StepKind]: StepRunner<K> } = {
  async open(_step, run) {
    try {
      await run.open()
      return PASSED
    } catch (thrown) {
      if (thrown instanceof OpenFailure) return stepFailed(thrown.message, thrown.code)
      throw thrown
    }
  },

  async accept(step, run) {
    const conversation = run.conversation
    if (conversation === undefined) return noSession()
    conversation.current = undefined
    return currentPeer(run, step.timeoutMs ?? run.sequence.timeoutMs)
  },

  async send(step, run) {
    const peer = await currentPeer(run, run.sequence.timeoutMs)
    if (!peer.ok) return peer
    // Payloads are made here, never views of shared memory.
    let data: SendCommand['data']
    try {
      data = (await buildStepPayload(step.payload, {
        variables: run.variables,
        baseDir: run.environment.baseDir,
      })) as SendCommand['data']
    } catch (thrown) {
      if (thrown instanceof CodedError) return stepFailed(thrown.message, thrown.code)
      throw thrown
    }
    const request = sendRequest(run, data)
    if (typeof request === 'string') return stepFailed(request)
    // Straight to the engine: the request is made here of the engine's own ids and a checked file, so the handler
    // table's gate for untrusted callers (shape check, schema) would only judge it again on every round trip.
    try {
      await run.environment.workbench.engine.send(request)
      return PASSED
    } catch (thrown) {
      const error = toErrorInfo(thrown)
      return stepFailed(`${error.message}${whyClosed(run)}`, error.code)
    }
  },

  async expect(step, run) {
    const timeoutMs = step.timeoutMs ?? run.sequence.timeoutMs
    const peer = await currentPeer(run, timeoutMs)
    if (!peer.ok) return peer
    const { kind, value, options } = step.expectation
    const matcher = expectationTypeOf(kind).compile(value, options, run.resolve)
    if (typeof matcher === 'string') return stepFailed(matcher)
    const budget = run.budget(matcher.ownWaitMs ?? timeoutMs)
    const inbox = run.conversation!.current!.inbox
    const verdict = await awaitVerdict(inbox, matcher, budget.ms, run.waitTimer)
    const tooMuch = overflow(inbox)
    if (tooMuch !== undefined) return tooMuch
    // Silence cut short by the total_timeout has not been proven.
    if (budget.byTotal && matcher.ownWaitMs !== undefined) return stepFailed(run.totalTimeoutMessage())
    if (verdict.status === 'passed') {
      inbox.take(verdict.taken)
      Object.assign(run.variables, verdict.captures)
      return PASSED
    }
    if (verdict.status === 'pending') return stepFailed('the expectation gave no verdict')
    const failure = reportFailure(verdict.failure)
    if (inbox.view().closed) failure.message += whyClosed(run)
    if (budget.byTotal) failure.message += ` (${run.totalTimeoutMessage()})`
    return { ok: false, failure }
  },

  async wait(step, run) {
    const budget = run.budget(step.ms)
    await pause(budget.ms)
    return budget.byTotal ? stepFailed(run.totalTimeoutMessage()) : PASSED
  },

  async close(_step, run) {
    const conversation = run.conversation
    if (conversation === undefined) return noSession()
    const { sessionId } = conversation
    const result = conversation.connectionOriented
      ? await run.handlers.disconnect({ sessionId, connectionId: conversation.current?.connectionId })
      : await run.handlers.closeSession({ sessionId })
    if (conversation.acceptsConnections) conversation.current = undefined
    return result.ok ? PASSED : stepFailed(result.error.message, result.error.code)
  },

  async half_close(_step, run) {
    const conversation = run.conversation
    if (conversation === undefined) return noSession()
    const peer = await currentPeer(run, run.sequence.timeoutMs)
    if (!peer.ok) return peer
    const result = await run.handlers.halfClose({
      sessionId: conversation.sessionId,
      connectionId: conversation.current?.connectionId,
    })
    return result.ok ? PASSED : stepFailed(result.error.message, result.error.code)
  },

  async repeat(step, _run, runBlock) {
    for (let round = 1; round <= step.count; round++) {
      if (!(await runBlock(step.steps, '', round)))
        return stepFailed(`round ${round} of ${step.count} failed`)
    }
    return PASSED
  },
}

/** The runner of any step (the registry typed for one step at a time). */
export const runnerOf = (kind: StepKind): StepRunner<StepKind> => stepRunners[kind] as StepRunner<StepKind>
