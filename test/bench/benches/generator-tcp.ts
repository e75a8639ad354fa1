import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { runGenerator } from '../generator-kit'
import { startPeer } from '../peer-process'
import { MIB, alternate, median, round } from '../stats'

const SIZE = 1024
const RUN_MS = 2_000
const ROUNDS = 3

/** Plain node net writes of SIZE-byte buffers for RUN_MS, waiting for 'drain' whenever write() says so. */
function rawWrites(socket: Socket): Promise<number> {
  const message = Buffer.alloc(SIZE, 0x67)
  return new Promise((resolve) => {
    const started = performance.now()
    let written = 0
    function pump(): void {
      while (performance.now() - started < RUN_MS) {
        written += SIZE
        if (!socket.write(message)) return void socket.once('drain', pump)
      }
      // Done when the kernel took the last write, as the generator's figures are.
      socket.write(Buffer.alloc(0), () => resolve(written / ((performance.now() - started) / 1000)))
    }
    pump()
  })
}

export const generatorTcp: Benchmark = {
  name: 'generator-tcp',
  async run() {
    const sink = await startPeer('tcp-sink.ts')
    const { port } = await sink.request<{ port: number }>({ listen: true })
    const subject = new EngineUnderTest()
    const session = await subject.open({ kind: 'tcp-client', host: '127.0.0.1', port })
    const raw = connect(port, '127.0.0.1')
    await once(raw, 'connect')
    try {
      const generate = async (): Promise<number> => {
        const report = await runGenerator(subject, { sessionId: session.id, size: SIZE, durationMs: RUN_MS })
        return report.bytes / (report.elapsedMs / 1000)
      }
      const rates = await alternate(ROUNDS, generate, () => rawWrites(raw))
      return [
        {
          result: {
            name: 'generator-tcp',
            unit: 'MiB/s',
            ours: round(median(rates.ours) / MIB),
            higherIsBetter: true,
            baseline: round(median(rates.baseline) / MIB),
            baselineName: 'raw node net writes',
          },
          ratioGoal: 0.8,
          note: `${ROUNDS}× ${RUN_MS / 1000} s of ${SIZE} B messages, as fast as possible, to a sink process, median`,
        },
      ]
    } finally {
      raw.destroy()
      await Promise.all([subject.dispose(), sink.stop()])
    }
  },
}
