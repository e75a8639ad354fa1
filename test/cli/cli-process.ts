import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { ByteCollector, PEER_TIMEOUT_MS, within } from '../helpers/peers'

// The built CLI as a child process: stdout collected as bytes, stderr as text, every wait bounded.

export const BUILT_CLI = join(import.meta.dirname, '../../out/cli/index.js')

export interface CliProcess {
  child: ChildProcessWithoutNullStreams
  stdout: ByteCollector
  stderrText(): string
  /** Resolves with the exit code (null when killed by a signal it did not handle). */
  exited: Promise<number | null>
  /** Resolves with the first match of `pattern` in stderr. */
  waitForStderr(pattern: RegExp, what?: string): Promise<RegExpMatchArray>
  /** Resolves with the first --json line that satisfies `match`. */
  waitForJson(match: (record: JsonLine) => boolean, what: string): Promise<JsonLine>
  /** Every complete --json line so far. */
  jsonLines(): JsonLine[]
  kill(signal?: NodeJS.Signals): void
}

export type JsonLine = Record<string, unknown>

const running = new Set<CliProcess>()

/** Kills whatever a test left running (afterEach). */
export async function stopAllCli(): Promise<void> {
  const left = [...running]
  running.clear()
  for (const cli of left)
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL')
  await Promise.all(left.map((cli) => within(cli.exited, 'a left-over CLI to exit')))
}

/** Waits until `check` answers something, re-checking whenever `emitter` emits data; rejects if the CLI exits. */
function waitFor<T>(
  cli: CliProcess,
  stream: NodeJS.ReadableStream,
  check: () => T | undefined,
  what: string,
) {
  return within(
    new Promise<T>((resolve, reject) => {
      const onData = (): void => {
        const found = check()
        if (found === undefined) return
        stream.off('data', onData)
        resolve(found)
      }
      stream.on('data', onData)
      void cli.exited.then((code) => {
        stream.off('data', onData)
        const found = check()
        if (found !== undefined) resolve(found)
        else reject(new Error(`${what}: the CLI exited with ${code}; stderr: ${cli.stderrText()}`))
      })
      onData()
    }),
    what,
  )
}

export function startCli(args: string[], options: { stdin?: 'ignore' | 'pipe' } = {}): CliProcess {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  }) as ChildProcessWithoutNullStreams
  const stdout = new ByteCollector()
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stdout.on('end', () => stdout.end())
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  const jsonLines = (): JsonLine[] =>
    stdout.bytes
      .toString()
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as JsonLine)
  const cli: CliProcess = {
    child,
    stdout,
    stderrText: () => stderr,
    exited,
    waitForStderr: (pattern, what = `stderr to match ${pattern}`) =>
      waitFor(cli, child.stderr, () => stderr.match(pattern) ?? undefined, what),
    waitForJson: (match, what) => waitFor(cli, child.stdout, () => jsonLines().find(match), what),
    jsonLines,
    kill: (signal = 'SIGINT') => child.kill(signal),
  }
  running.add(cli)
  void exited.then(() => running.delete(cli))
  return cli
}

/** Runs the CLI to its end and answers its exit code and output. */
export async function runCliToEnd(
  args: string[],
  ms = PEER_TIMEOUT_MS,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const cli = startCli(args)
  const code = await within(cli.exited, `socket-workbench ${args.join(' ')} to exit`, ms)
  return { code, stdout: cli.stdout.bytes, stderr: cli.stderrText() }
}

/** The port of the `listening on HOST:PORT` (TCP) or `bound to HOST:PORT` (UDP) line. */
export async function announcedPort(cli: CliProcess, step: 'listening on' | 'bound to'): Promise<number> {
  const [, port] = await cli.waitForStderr(
    new RegExp(`^${step} \\S+:(\\d+)$`, 'm'),
    `the CLI to say "${step}"`,
  )
  return Number(port)
}
