import { OwnErrorCode, type SessionInfo } from '../../shared'
import type { Sequence, SequenceResult, Step, StepResult } from '../../shared/sequences'
import { OpenFailure, SequenceRun, type RunEnvironment, type StepOutcome } from './sequence-run'
import { runnerOf } from './step-runners'

/** Step results kept per sequence (nested repeats can run billions of steps); later ones are listed only if they fail. */
export const MAX_STEP_RESULTS = 100_000

const elapsed = (since: number): number => Math.round((performance.now() - since) * 100) / 100

/** A step that does not run after a failure, reported as skipped (a repeat's body once, not per round). */
const skipped = (step: Step, id: string): StepResult => ({
  id,
  kind: step.kind,
  label: step.label,
  line: step.line,
  column: step.column,
  status: 'skipped',
  durationMs: 0,
})

/** The implicit first step: a sequence opens its target before its steps unless they start with connect/listen. */
function withOpening(sequence: Sequence): Step[] {
  if (sequence.steps[0]?.kind === 'open') return sequence.steps
  const label = sequence.target.type === 'session' && sequence.target.role === 'server' ? 'listen' : 'connect'
  return [{ kind: 'open', label, line: sequence.line, column: sequence.column }, ...sequence.steps]
}

/**
 * Runs one sequence on the engine: its steps in order, each with its result and duration; after the first
 * failure the rest are skipped. `onOpened` tells the file's other sequences where a listening one listens.
 */
export async function runSequence(
  sequence: Sequence,
  environment: RunEnvironment,
  onOpened: (info: SessionInfo) => void = () => undefined,
): Promise<SequenceResult> {
  const run = new SequenceRun(sequence, environment, onOpened)
  const maxResults = environment.maxStepResults ?? MAX_STEP_RESULTS
  const results: StepResult[] = []
  let failed = false
  let anyStepRan = false
  let openError: OpenFailure | undefined
  let unlisted = 0

  const runBlock = async (
    steps: readonly Step[],
    idPrefix: string,
    round: number,
    firstNumber = 1,
  ): Promise<boolean> => {
    const roundMark = round > 0 ? `#${round}` : ''
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index]!
      const id = `${idPrefix}${index + firstNumber}${roundMark}`
      if (failed) {
        if (results.length < maxResults) results.push(skipped(step, id))
        else unlisted += 1
        continue
      }
      const started = performance.now()
      // The step's place is taken now, so a repeat's own result comes before its body's. Past the bound, a
      // step is listed only if it fails.
      const result = skipped(step, id)
      const listed = results.length < maxResults
      if (listed) results.push(result)
      const outcome =
        step.kind === 'repeat' ? await runRepeat(step, id) : await runnerOf(step.kind)(step, run, runBlock)
      result.status = outcome.ok ? 'passed' : 'failed'
      result.durationMs = elapsed(started)
      if (!outcome.ok) {
        result.failure = outcome.failure
        failed = true
        if (step.kind === 'open' && !anyStepRan)
          openError = new OpenFailure(outcome.failure.code ?? OwnErrorCode.internal, outcome.failure.message)
      }
      if (!listed && outcome.ok) unlisted += 1
      else if (!listed) results.push(result)
      anyStepRan = anyStepRan || step.kind !== 'open'
    }
    return !failed
  }

  // {{counter}} is the round of the innermost repeat; an outer repeat's round comes back after an inner one.
  const runRepeat = async (step: Step, id: string): Promise<StepOutcome> => {
    const outerCounter = run.variables.counter
    const outcome = await runnerOf(step.kind)(step, run, (body, _prefix, bodyRound) => {
      run.variables.counter = String(bodyRound)
      return runBlock(body, `${id}.`, bodyRound)
    })
    if (outerCounter === undefined) delete run.variables.counter
    else run.variables.counter = outerCounter
    return outcome
  }

  // The implicit opening step is step 0, so the file's first step is step 1 either way.
  const steps = withOpening(sequence)
  try {
    await runBlock(steps, '', 0, steps === sequence.steps ? 1 : 0)
  } finally {
    run.waitTimer.dispose()
    await run.closeSession()
  }
  const result: SequenceResult = {
    name: sequence.name,
    line: sequence.line,
    status: openError !== undefined ? 'error' : failed ? 'failed' : 'passed',
    durationMs: elapsed(run.startedAt),
    steps: results,
  }
  if (unlisted > 0) result.unlistedSteps = unlisted
  if (openError !== undefined) result.error = { code: openError.code, message: openError.message }
  if (result.status !== 'passed') result.traffic = run.traffic.list()
  return result
}
