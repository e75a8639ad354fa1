import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runSequenceFile } from '../../../electron/core/sequences'
import { createWorkbench } from '../../../electron/core/workbench'
import { parseSequenceFile } from '../../../electron/shared/sequences'
import type { Benchmark } from '../bench-types'
import { startPeer } from '../peer-process'
import { alternate, median, round } from '../stats'

// Issue 20: a sequence of 1,000 send/expect round trips to an echo server in another process, against a
// hand-written Node client doing the same round trips (write a line, wait until its echo is in, compare).

const ROUND_TRIPS = 1000
const ROUNDS = 9
/** A run is ~50 ms: the first few run while V8 still optimises the engine and runner code (2–4× slower). */
const WARM_UP_ROUNDS = 5

const line = (index: number): string => `ping ${index}\n`

function sequenceText(port: number): string {
  return `name: overhead
connect: tcp://127.0.0.1:${port}
steps:
  - repeat:
      count: ${ROUND_TRIPS}
      steps:
        - send: "ping {{counter}}\\n"
        - expect: "ping {{counter}}\\n"
`
}

/**
 * The whole sequence, connecting and closing included, as `socket-workbench test` runs it; the workbench is made
 * before the clock starts, as the hand-written client's process is.
 */
async function timeSequence(port: number, dataDir: string): Promise<number> {
  const parsed = parseSequenceFile(sequenceText(port))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const workbench = createWorkbench({ dataDir })
  const started = performance.now()
  try {
    const result = await runSequenceFile(parsed.file, join(dataDir, 'overhead.yaml'), workbench)
    const status = result.sequences[0]!.status
    if (status !== 'passed')
      throw new Error(
        `the sequence ${status}: ${JSON.stringify(result.sequences[0]!.steps.find((s) => s.failure))}`,
      )
    return performance.now() - started
  } finally {
    await workbench.dispose()
  }
}

/** The same round trips by hand: connect, write each line, wait for its echo, compare, close. */
async function timeHandWritten(port: number): Promise<number> {
  const started = performance.now()
  const socket = connect({ port, host: '127.0.0.1', noDelay: true })
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let buffered = Buffer.alloc(0)
  let waiting: (() => void) | undefined
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    waiting?.()
  })
  for (let index = 1; index <= ROUND_TRIPS; index++) {
    const expected = Buffer.from(line(index))
    socket.write(expected)
    while (buffered.length < expected.length) await new Promise<void>((resolve) => (waiting = resolve))
    if (!buffered.subarray(0, expected.length).equals(expected))
      throw new Error(`round trip ${index} differs`)
    buffered = buffered.subarray(expected.length)
  }
  socket.end()
  await new Promise((resolve) => socket.once('close', resolve))
  return performance.now() - started
}

export const sequenceOverhead: Benchmark = {
  name: 'sequence-overhead',
  async run() {
    const echo = await startPeer('tcp-echo.ts')
    const { port } = await echo.request<{ port: number }>({ listen: true })
    const dataDir = await mkdtemp(join(tmpdir(), 'sequence-overhead-'))
    try {
      const ms = await alternate(
        ROUNDS,
        () => timeSequence(port, dataDir),
        () => timeHandWritten(port),
        WARM_UP_ROUNDS,
      )
      return [
        {
          result: {
            name: 'sequence-overhead',
            unit: 'ms',
            ours: round(median(ms.ours)),
            higherIsBetter: false,
            baseline: round(median(ms.baseline)),
            baselineName: 'hand-written Node client',
          },
          ratioGoal: 1.5,
          note: `${ROUND_TRIPS} send/expect round trips to a child-process echo server, connect to close, median of ${ROUNDS} after ${WARM_UP_ROUNDS} unrecorded rounds each`,
        },
      ]
    } finally {
      await rm(dataDir, { recursive: true, force: true })
      await echo.stop()
    }
  },
}
