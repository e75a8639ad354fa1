// Runs send/expect sequence files (issue 20) on the real engine; the format lives in electron/shared/sequences.
export { runSequenceFile } from './run-sequence-file'
export { stepRunners } from './step-runners'
