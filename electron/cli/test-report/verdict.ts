import type { FileResult } from '../../shared/sequences'
import { ExitCode } from '../exit-codes'

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
 * 1 when a step failed (a test result stands, whatever else went wrong); else 3 when a target could not be
 * opened before any step ran (the network, not the test, said no); else 0.
 */
export function exitCodeOf({ failed, errors }: Tally): ExitCode {
  if (failed > 0) return ExitCode.failed
  return errors > 0 ? ExitCode.network : ExitCode.done
}

export const summaryLine = ({ passed, failed, errors, durationMs }: Tally): string =>
  `${passed} passed, ${failed} failed, ${errors} error${errors === 1 ? '' : 's'} (${(durationMs / 1000).toFixed(2)} s)`
