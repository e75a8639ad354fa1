import { fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { Measurement } from './bench-types'

/**
 * Runs one benchmark in a process of its own. What a benchmark leaves behind in its process (a grown heap, engine
 * code optimised for other session kinds) slowed the next one: after repeat-rate, the in-process relays of
 * relay-tcp ran at half their speed, so a whole `npm run bench` measured less than the same benchmark alone.
 */
export async function runInChild(name: string): Promise<Measurement[]> {
  const child = fork(fileURLToPath(new URL('./one-bench.ts', import.meta.url)), [name], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let answer: { measurements?: Measurement[]; error?: string } | undefined
  child.on('message', (message) => (answer = message as typeof answer))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (answer?.measurements) return answer.measurements
  throw new Error(answer?.error ?? `the benchmark's process exited with ${code} before answering`)
}
