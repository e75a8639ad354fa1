import type { FileResult, SequenceResult, StepFailureReport, StepResult } from '../../shared/sequences'

// `test`'s default report: one line per sequence; a failed one shows its steps, the failure (expected vs
// actual as text and hex, a caret under the first difference) and its traffic.

const MARK: Readonly<Record<SequenceResult['status'] | StepResult['status'], string>> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'skip',
}

const ms = (value: number): string => `${Math.round(value)} ms`

function comparison(failure: StepFailureReport, indent: string): string[] {
  const { expected, actual, firstDifference, textColumns } = failure
  const lines: string[] = []
  if (expected !== undefined) lines.push(`expected: ${expected.text}`)
  if (actual !== undefined) lines.push(`actual:   ${actual.text}`)
  if (textColumns !== undefined)
    lines.push(`${' '.repeat(10 + textColumns.actual)}^ first difference at byte ${firstDifference}`)
  if (expected !== undefined) lines.push(`expected hex: ${expected.hex}`)
  if (actual !== undefined) lines.push(`actual hex:   ${actual.hex}`)
  if (firstDifference !== undefined) lines.push(`${' '.repeat(14 + firstDifference * 3)}^^`)
  return lines.map((line) => `${indent}${line}`)
}

function stepLines(step: StepResult): string[] {
  const timing = step.status === 'skipped' ? '' : `, ${ms(step.durationMs)}`
  const head = `    ${MARK[step.status]} ${step.id} ${step.label} (line ${step.line}${timing})`
  if (step.failure === undefined) return [head]
  const code = step.failure.code === undefined ? '' : `${step.failure.code}: `
  return [head, `        ${code}${step.failure.message}`, ...comparison(step.failure, '        ')]
}

function sequenceLines(sequence: SequenceResult, quiet: boolean): string[] {
  const head = `  ${MARK[sequence.status]} ${sequence.name} (line ${sequence.line}, ${ms(sequence.durationMs)})`
  if (sequence.status === 'passed') return quiet ? [] : [head]
  const lines = [head, ...sequence.steps.flatMap(stepLines)]
  if (sequence.unlistedSteps !== undefined)
    lines.push(`    … ${sequence.unlistedSteps} more steps passed or were skipped (not listed)`)
  if (sequence.traffic !== undefined && sequence.traffic.length > 0) {
    lines.push('    traffic:')
    for (const entry of sequence.traffic)
      lines.push(`      +${ms(entry.atMs).padEnd(8)} ${entry.direction.padEnd(8)} ${entry.text}`)
  }
  return lines
}

export function humanReport(file: FileResult, quiet: boolean): string {
  const lines = file.sequences.flatMap((sequence) => sequenceLines(sequence, quiet))
  return [`${file.file}`, ...lines, ''].join('\n')
}
