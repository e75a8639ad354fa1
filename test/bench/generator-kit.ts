import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import {
  startGeneratorRequestSchema,
  type GeneratorReport,
  type StartGeneratorRequest,
} from '../../electron/shared'
import type { EngineUnderTest } from './engine-under-test'

// What the generator benchmarks share: a UDP sink in another process, and a run to its summary.

const PYTHON_SINK = `
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`

/** A bound UDP socket in python3 that never reads: datagrams cost the sender only (the kernel drops the rest). */
export async function udpBlackhole(): Promise<{ port: number; stop(): void }> {
  const child: ChildProcess = spawn('python3', ['-c', PYTHON_SINK], { stdio: ['pipe', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout!, 'data')) as [Buffer]
  return { port: Number(line.toString().trim()), stop: () => child.kill('SIGTERM') }
}

/** Runs one generator on `sessionId` and resolves with its summary. */
export async function runGenerator(
  subject: EngineUnderTest,
  request: StartGeneratorRequest,
): Promise<GeneratorReport> {
  const done = new Promise<GeneratorReport>((resolve) => {
    const unsubscribe = subject.engine.subscribe((event) => {
      if (event.sessionId !== request.sessionId || event.type !== 'generator') return
      if (event.report.role !== 'sender' || event.report.phase !== 'done') return
      unsubscribe()
      resolve(event.report)
    })
  })
  await subject.engine.startGenerator(startGeneratorRequestSchema.parse(request))
  return done
}

/** The path of a program on PATH, or undefined. */
export function findProgram(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : undefined
}
