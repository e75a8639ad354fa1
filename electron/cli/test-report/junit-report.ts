import type { FileResult, SequenceResult, StepResult } from '../../shared/sequences'
import type { TestLine } from '../command-line'

// JUnit XML as CI servers read it (the common Jenkins/Surefire schema): one <testsuite> per sequence file, one
// <testcase> per step (CLI-CONTRACT) or per sequence. A failed step is <failure>, a target that could not be
// opened is <error>, steps after a failure are <skipped/>. Written by hand: the format is small.

// XML 1.0 cannot carry most control characters at all, not even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

const escape = (text: string): string =>
  text
    .replace(NOT_XML, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

interface Case {
  classname: string
  name: string
  timeMs: number
  outcome: 'passed' | 'failed' | 'error' | 'skipped'
  message?: string
  type?: string
  details?: string
  output?: string
}

function detailsOf(step: StepResult): string {
  const failure = step.failure
  if (failure === undefined) return ''
  const lines = [`line ${step.line}, column ${step.column}: ${failure.message}`]
  if (failure.expected !== undefined)
    lines.push(`expected: ${failure.expected.text}`, `expected hex: ${failure.expected.hex}`)
  if (failure.actual !== undefined)
    lines.push(`actual:   ${failure.actual.text}`, `actual hex:   ${failure.actual.hex}`)
  if (failure.firstDifference !== undefined) lines.push(`first difference at byte ${failure.firstDifference}`)
  return lines.join('\n')
}

const trafficOf = (sequence: SequenceResult): string | undefined =>
  sequence.traffic?.map((entry) => `+${entry.atMs} ms ${entry.direction} ${entry.text}`).join('\n')

function stepCase(sequence: SequenceResult, step: StepResult): Case {
  const opening = sequence.status === 'error' && step.kind === 'open'
  const failed = step.status === 'failed'
  return {
    classname: sequence.name,
    name: `${step.id} ${step.label} (line ${step.line})`,
    timeMs: step.durationMs,
    outcome: opening ? 'error' : step.status,
    ...(failed
      ? {
          message: step.failure?.message ?? 'failed',
          type: step.failure?.code ?? step.kind,
          details: detailsOf(step),
          output: trafficOf(sequence),
        }
      : {}),
  }
}

function sequenceCase(file: FileResult, sequence: SequenceResult): Case {
  const failedStep = sequence.steps.find((step) => step.status === 'failed')
  return {
    classname: file.file,
    name: sequence.name,
    timeMs: sequence.durationMs,
    outcome: sequence.status,
    ...(failedStep === undefined
      ? {}
      : {
          message: `step ${failedStep.id} ${failedStep.label}: ${failedStep.failure?.message ?? 'failed'}`,
          type: failedStep.failure?.code ?? failedStep.kind,
          details: detailsOf(failedStep),
          output: trafficOf(sequence),
        }),
  }
}

function caseXml(test: Case): string {
  const open = `    <testcase classname="${escape(test.classname)}" name="${escape(test.name)}" time="${seconds(test.timeMs)}"`
  if (test.outcome === 'passed') return `${open}/>`
  if (test.outcome === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`
  const element = test.outcome === 'error' ? 'error' : 'failure'
  const output = test.output === undefined ? '' : `\n      <system-out>${escape(test.output)}</system-out>`
  return `${open}>\n      <${element} message="${escape(test.message ?? '')}" type="${escape(test.type ?? '')}">${escape(test.details ?? '')}</${element}>${output}\n    </testcase>`
}

interface Counts {
  tests: number
  failures: number
  errors: number
  skipped: number
}

const countsOf = (cases: readonly Case[]): Counts => ({
  tests: cases.length,
  failures: cases.filter((test) => test.outcome === 'failed').length,
  errors: cases.filter((test) => test.outcome === 'error').length,
  skipped: cases.filter((test) => test.outcome === 'skipped').length,
})

const countAttributes = ({ tests, failures, errors, skipped }: Counts): string =>
  `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}"`

export function junitReport(
  files: readonly FileResult[],
  cases: TestLine['junitCases'],
  timestamp: Date,
): string {
  const suites = files.map((file) => {
    const tests = file.sequences.flatMap((sequence) =>
      cases === 'step'
        ? sequence.steps.map((step) => stepCase(sequence, step))
        : [sequenceCase(file, sequence)],
    )
    return { file, tests, counts: countsOf(tests) }
  })
  const total = countsOf(suites.flatMap((suite) => suite.tests))
  const totalMs = files.reduce((sum, file) => sum + file.durationMs, 0)
  const stamp = timestamp.toISOString().replace(/\.\d+Z$/, '')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="socket-workbench test" ${countAttributes(total)} time="${seconds(totalMs)}">`,
    ...suites.map(({ file, tests, counts }) =>
      [
        `  <testsuite name="${escape(file.file)}" ${countAttributes(counts)} time="${seconds(file.durationMs)}" timestamp="${stamp}">`,
        ...tests.map(caseXml),
        '  </testsuite>',
      ].join('\n'),
    ),
    '</testsuites>',
    '',
  ].join('\n')
}
