import type { FileResult } from '../../shared/sequences'
import type { Tally } from './verdict'

// `test --json`: JSON Lines, like every --json output: one `sequence` line per sequence with its steps, failures
// and (when it did not pass) its traffic, then one `summary` line.

export const sequenceLines = (file: FileResult): string =>
  file.sequences
    .map((sequence) => `${JSON.stringify({ type: 'sequence', file: file.file, ...sequence })}\n`)
    .join('')

export const summaryJson = (tally: Tally): string => `${JSON.stringify({ type: 'summary', ...tally })}\n`

export const problemJson = (problem: {
  file: string
  line: number
  column: number
  code: string
  message: string
}): string => `${JSON.stringify({ type: 'problem', ...problem })}\n`
