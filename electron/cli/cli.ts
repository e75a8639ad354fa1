import { version } from '../../package.json'
import type { Workbench } from '../core/workbench'
import { parseCommandLine } from './arguments'
import type { CommandLine } from './command-line'
import { CliError, CliErrorCode } from './cli-errors'
import { createCliWorkbench } from './cli-workbench'
import { planConnect } from './commands/connect'
import { planListen } from './commands/listen'
import { runGenerate } from './commands/generate'
import { planRelay } from './commands/relay'
import { runCert } from './commands/cert'
import { runPcap } from './commands/pcap'
import { runTest } from './commands/test'
import { planRun } from './commands/run'
import { Ending } from './ending'
import { ExitCode } from './exit-codes'
import { errorLine } from './human-lines'
import { createOutput, type OutputStreams } from './output'
import { runSession } from './session-runner'
import type { SessionPlan } from './session-plan'
import { onStopSignals } from './signals'
import { helpText } from './usage'

type SessionLine = Exclude<
  CommandLine,
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'pcap' }
  | { command: 'test' }
  | { command: 'generate' }
  | { command: 'cert' }
>

function plan(line: SessionLine, workbench: Workbench): Promise<SessionPlan> {
  switch (line.command) {
    case 'connect':
      return planConnect(line)
    case 'listen':
      return planListen(line)
    case 'relay':
      return planRelay(line)
    case 'run':
      return planRun(line, workbench)
  }
}

/** A CliError ends the run with its own status; anything else is a bug, reported without a stack. */
function outcomeOf(thrown: unknown): { exitCode: ExitCode; error: { code: string; message: string } } {
  if (thrown instanceof CliError) return { exitCode: thrown.exitCode, error: thrown.toInfo() }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return {
    exitCode: ExitCode.failed,
    error: { code: CliErrorCode.internal, message: `internal error: ${message}` },
  }
}

async function runSessionCommand(line: SessionLine, streams: OutputStreams): Promise<ExitCode> {
  const output = createOutput(line.output, streams)
  const ending = new Ending()
  const releaseSignals = onStopSignals(() => ending.done())
  const workbench = createCliWorkbench(line.command === 'run' ? line.dataDir : undefined)
  try {
    const sessionPlan = await plan(line, workbench)
    // A signal while planning (reading a file, the profiles) has ended the run already: open nothing.
    if (!ending.settled)
      runSession({ workbench, output, ending, stdin: streams.stdin }, sessionPlan).catch((thrown: unknown) =>
        ending.end(outcomeOf(thrown)),
      )
  } catch (thrown) {
    ending.end(outcomeOf(thrown))
  }
  const outcome = await ending.promise
  await workbench.dispose()
  releaseSignals()
  if (outcome.error !== undefined) output.fatal(outcome.error)
  return outcome.exitCode
}

/** The whole program: arguments in, exit status out. Writes only to the streams it is given. */
export async function runCli(argv: readonly string[], streams: OutputStreams): Promise<ExitCode> {
  let line: CommandLine
  try {
    line = parseCommandLine(argv)
  } catch (thrown) {
    const { exitCode, error } = outcomeOf(thrown)
    streams.stderr.write(`${errorLine(error)}\n`)
    return exitCode
  }
  if (line.command === 'help') {
    streams.stdout.write(helpText(line.topic))
    return ExitCode.done
  }
  if (line.command === 'version') {
    streams.stdout.write(`socket-workbench ${version}\n`)
    return ExitCode.done
  }
  if (line.command === 'pcap' || line.command === 'test' || line.command === 'cert') {
    const run =
      line.command === 'pcap'
        ? runPcap(line, streams)
        : line.command === 'test'
          ? runTest(line, streams)
          : runCert(line, streams)
    return run.catch((thrown: unknown) => {
      const { exitCode, error } = outcomeOf(thrown)
      streams.stderr.write(`${errorLine(error)}\n`)
      return exitCode
    })
  }
  if (line.command === 'generate') {
    return runGenerate(line, streams).catch((thrown: unknown) => {
      const { exitCode, error } = outcomeOf(thrown)
      streams.stderr.write(`${errorLine(error)}\n`)
      return exitCode
    })
  }
  return runSessionCommand(line, streams)
}
