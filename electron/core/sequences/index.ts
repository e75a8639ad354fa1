// Runs send/expect sequence files (issue 20) on the real engine; the format lives in electron/shared/sequences.
export { runSequenceFile } from './run-sequence-file'
export { runSequence } from './run-sequence'
export { stepRunners } from './step-runners'
export { buildStepPayload } from './step-payload'
