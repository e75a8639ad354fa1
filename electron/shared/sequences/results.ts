import { formatHex } from '../codec/hex'
import { formatText } from '../codec/text-escapes'
import type { MatchFailure } from './matcher'
import type { StepKind } from './sequence-model'

// What a run reports: per sequence and per step, pass or fail with durations, and for a failure the bytes
// expected and received (as text and hex, the first difference marked) and the traffic of that sequence.

/** Bytes as a person reads them in a report. */
export interface ShownBytes {
  /** Text with the codec's escapes (\n, \xHH, …). */
  text: string
  /** Lower-case hex pairs separated by spaces; `??` where the expectation takes any byte. */
  hex: string
  length: number
}

export interface StepFailureReport {
  message: string
  expected?: ShownBytes
  actual?: ShownBytes
  /** Byte offset of the first difference between expected and actual, when both are known. */
  firstDifference?: number
  /** Where that byte starts in `expected.text` and `actual.text` (a caret goes under it). */
  textColumns?: { expected: number; actual: number }
  /** Our or the system's code when the step failed on an error (ECONNRESET, ERR_…), not on a mismatch. */
  code?: string
}

export type StepStatus = 'passed' | 'failed' | 'skipped'

export interface StepResult {
  /** 1-based step numbers from the sequence down, with the round of a repeat: `4`, `5.2#3`. */
  id: string
  kind: StepKind
  label: string
  line: number
  column: number
  status: StepStatus
  durationMs: number
  failure?: StepFailureReport
}

/** One sent or received message or chunk kept for a failed sequence (bounded: the last ones only). */
export interface TrafficEntry {
  direction: 'sent' | 'received'
  /** Milliseconds since the sequence started. */
  atMs: number
  hex: string
  text: string
}

export interface SequenceResult {
  name: string
  line: number
  /** error: the target could not be opened (network error, unknown profile) before any step ran. */
  status: 'passed' | 'failed' | 'error'
  durationMs: number
  steps: StepResult[]
  /** Steps that ran (passed, or were skipped) past the bound on listed results; a failed step is always listed. */
  unlistedSteps?: number
  error?: { code: string; message: string }
  /** Kept only when the sequence did not pass. */
  traffic?: TrafficEntry[]
}

export interface FileResult {
  file: string
  durationMs: number
  sequences: SequenceResult[]
}

export const showBytes = (bytes: Uint8Array, wildcards?: Uint8Array): ShownBytes => ({
  text: formatText(bytes),
  hex:
    wildcards === undefined
      ? formatHex(bytes)
      : Array.from(bytes, (byte, index) =>
          wildcards[index] === 0 ? '??' : byte.toString(16).padStart(2, '0'),
        ).join(' '),
  length: bytes.length,
})

/** First offset where actual differs from expected (wildcards match anything); the shorter length if one is a prefix. */
export function firstDifference(
  expected: Uint8Array,
  actual: Uint8Array,
  wildcards?: Uint8Array,
): number | undefined {
  const length = Math.min(expected.length, actual.length)
  for (let index = 0; index < length; index++) {
    if (wildcards?.[index] !== 0 && expected[index] !== actual[index]) return index
  }
  return expected.length === actual.length ? undefined : length
}

/** A matcher's failure as a report: bytes shown both ways, the first difference found. */
export function reportFailure(failure: MatchFailure): StepFailureReport {
  const report: StepFailureReport = { message: failure.message }
  if (failure.expected !== undefined) report.expected = showBytes(failure.expected, failure.wildcards)
  if (failure.actual !== undefined) report.actual = showBytes(failure.actual)
  if (failure.expected !== undefined && failure.actual !== undefined) {
    const at = firstDifference(failure.expected, failure.actual, failure.wildcards)
    if (at !== undefined) {
      report.firstDifference = at
      report.textColumns = {
        expected: textColumnOf(failure.expected, at),
        actual: textColumnOf(failure.actual, at),
      }
    }
  }
  return report
}

/** Where the byte at `offset` starts in the text form of `bytes` (for a caret under the first difference). */
const textColumnOf = (bytes: Uint8Array, offset: number): number =>
  formatText(bytes.subarray(0, offset)).length
