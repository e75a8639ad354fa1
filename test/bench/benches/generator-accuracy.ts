import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { runGenerator } from '../generator-kit'
import { startPeer } from '../peer-process'
import { round } from '../stats'

const RATE = 10_000
const RUN_MS = 5_000

export const generatorAccuracy: Benchmark = {
  name: 'generator-accuracy',
  async run() {
    const receiver = await startPeer('udp-counter.ts')
    const { port } = await receiver.request<{ port: number }>({ listen: true })
    const subject = new EngineUnderTest()
    try {
      const session = await subject.open({
        kind: 'udp',
        host: '127.0.0.1',
        remoteHost: '127.0.0.1',
        remotePort: port,
      })
      const report = await runGenerator(subject, {
        sessionId: session.id,
        rate: RATE,
        size: 64,
        durationMs: RUN_MS,
      })
      // The receiver's view: datagrams over the time between the first and the last arrival.
      const { count, rate } = await receiver.request<{ count: number; rate: number }>({ result: true })
      const error = (Math.abs(rate - RATE) * 100) / RATE
      return [
        {
          result: {
            name: 'generator-accuracy',
            unit: '% off',
            ours: round(error, 2),
            higherIsBetter: false,
            limit: 2,
          },
          note:
            `${RATE} msg/s asked for ${RUN_MS / 1000} s: a receiver process counted ${count} at ${round(rate, 0)}/s; ` +
            `the generator reports ${report.sent} sent at ${round(report.achievedRate, 0)}/s`,
        },
      ]
    } finally {
      await Promise.all([subject.dispose(), receiver.stop()])
    }
  },
}
