import type { FileResult } from '../../shared/sequences'
import { ExitCode, exitCodeOf as exitCodeOfError } from '../exit-codes'

export interface Tally {
  sequences: number
  passed: number
  failed: number
  /** Sequences whose target could not be opened before any step ran. */
  errors: number
  durationMs: number
}

export function tally(files: readonly FileResult[]): Tally {
  const sequences = files.flatMap((file) => file.sequences)
  const count = (status: string): number => sequences.filter((sequence) => sequence.status === status).length
  return {
    sequences: sequences.length,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    durationMs: files.reduce((sum, file) => sum + file.durationMs, 0),
  }
}

/**
 * 1 when a step failed (a test result stands, whatever else went wrong). A target that could not be opened
 * before any step ran counts by its code: the system's (ECONNREFUSED, ENOTFOUND, …) is 3, the network said no;
 * ours (no such profile) is 1; a request our schema refused (a profile's connection) is 2.
 */
export function exitCodeOf(files: readonly FileResult[], { failed }: Tally): ExitCode {
  if (failed > 0) return ExitCode.failed
  const codes = files.flatMap((file) =>
    file.sequences.flatMap((sequence) =>
      sequence.error === undefined ? [] : [exitCodeOfError(sequence.error)],
    ),
  )
  for (const code of [ExitCode.failed, ExitCode.usage, ExitCode.network])
    if (codes.includes(code)) return code
  return ExitCode.done
}

export const summaryLine = ({ passed, failed, errors, durationMs }: Tally): string =>
  `${passed} passed, ${failed} failed, ${errors} error${errors === 1 ? '' : 's'} (${(durationMs / 1000).toFixed(2)} s)`
