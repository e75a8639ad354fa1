import { readFile, writeFile } from 'node:fs/promises'
import { runSequenceFile } from '../../core/sequences'
import { parseSequenceFile, type FileResult, type SequenceFile } from '../../shared/sequences'
import { usageError } from '../cli-errors'
import { createCliWorkbench } from '../cli-workbench'
import type { TestLine } from '../command-line'
import { ExitCode } from '../exit-codes'
import { errorLine } from '../human-lines'
import type { OutputStreams } from '../output'
import { onStopSignals } from '../signals'
import { humanReport } from '../test-report/human-report'
import { problemJson, sequenceLines, summaryJson } from '../test-report/json-report'
import { junitReport } from '../test-report/junit-report'
import { exitCodeOf, summaryLine, tally } from '../test-report/verdict'

const reason = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown))

/** Every file read and checked before anything runs: one invalid file and nothing opens (exit 2). */
async function loadAll(
  line: TestLine,
  streams: OutputStreams,
): Promise<Array<{ path: string; file: SequenceFile }> | undefined> {
  const loaded: Array<{ path: string; file: SequenceFile }> = []
  let invalid = false
  for (const path of line.files) {
    const text = await readFile(path, 'utf8').catch((thrown: unknown) => {
      throw usageError(`cannot read ${path}: ${reason(thrown)}`)
    })
    const parsed = parseSequenceFile(text)
    if (parsed.ok) {
      loaded.push({ path, file: parsed.file })
      continue
    }
    invalid = true
    for (const problem of parsed.problems) {
      const message = `${path}:${problem.line}:${problem.column}: ${problem.message}`
      streams.stderr.write(`${errorLine({ code: problem.code, message })}\n`)
      if (line.json) streams.stdout.write(problemJson({ file: path, ...problem }))
    }
  }
  return invalid ? undefined : loaded
}

async function writeJunit(line: TestLine, results: readonly FileResult[], startedAt: Date): Promise<void> {
  if (line.junit === undefined) return
  await writeFile(line.junit, junitReport(results, line.junitCases, startedAt)).catch((thrown: unknown) => {
    throw usageError(`--junit ${line.junit}: ${reason(thrown)}`)
  })
}

/** `test FILE…`: runs sequence files on the engine, reports each, writes JUnit; the exit status sums it up. */
export async function runTest(line: TestLine, streams: OutputStreams): Promise<ExitCode> {
  const loaded = await loadAll(line, streams)
  if (loaded === undefined) return ExitCode.usage
  const startedAt = new Date()
  const workbench = createCliWorkbench(line.dataDir)
  // A signal closes every socket: the waiting steps fail at once and the report still comes out.
  const releaseSignals = onStopSignals(() => void workbench.dispose())
  const results: FileResult[] = []
  try {
    for (const { path, file } of loaded) {
      const result = await runSequenceFile(file, path, workbench)
      results.push(result)
      // The contract's exit 3 comes with the system's code and a sentence on stderr.
      for (const sequence of result.sequences)
        if (sequence.error !== undefined)
          streams.stderr.write(
            `${errorLine({ code: sequence.error.code, message: `${path}: ${sequence.name}: ${sequence.error.message}` })}\n`,
          )
      streams.stdout.write(line.json ? sequenceLines(result) : humanReport(result, line.quiet))
    }
  } finally {
    releaseSignals()
    await workbench.dispose()
  }
  await writeJunit(line, results, startedAt)
  const totals = tally(results)
  streams.stdout.write(line.json ? summaryJson(totals) : `${summaryLine(totals)}\n`)
  return exitCodeOf(results, totals)
}
