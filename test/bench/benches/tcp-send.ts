import { connect } from 'node:net'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer, type PeerProcess } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate, median, round } from '../stats'
import { sendRaw, sendThroughEngine } from '../send-loops'

const BYTES = 128 * MIB
const ROUNDS = 5

async function timedUntilSinkHas(sink: PeerProcess, send: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await Promise.all([sink.request({ expect: BYTES }), send()])
  return (performance.now() - started) / 1000
}

export const tcpSend: Benchmark = {
  name: 'tcp-send',
  async run() {
    const sink = await startPeer('tcp-sink.ts')
    const { port } = await sink.request<{ port: number }>({ listen: true })
    const subject = new EngineUnderTest()
    const session = await subject.open({ kind: 'tcp-client', host: '127.0.0.1', port })
    const raw = connect(port, '127.0.0.1')
    await new Promise((resolve) => raw.once('connect', resolve))
    try {
      const seconds = await alternate(
        ROUNDS,
        () => timedUntilSinkHas(sink, () => sendThroughEngine(subject, session.id, BYTES)),
        () => timedUntilSinkHas(sink, () => sendRaw(raw, BYTES)),
      )
      const exact = subject.engine.stats(session.id).bytesOut === (WARM_UP_ROUNDS + ROUNDS) * BYTES
      return [
        {
          result: {
            name: 'tcp-send',
            unit: 'MiB/s',
            ours: round(BYTES / MIB / median(seconds.ours)),
            higherIsBetter: true,
            baseline: round(BYTES / MIB / median(seconds.baseline)),
            baselineName: 'raw net.Socket writes',
          },
          ratioGoal: 0.8,
          note: `${ROUNDS}× ${BYTES / MIB} MiB in 64 KiB sends to a child-process sink, median; counters ${exact ? 'exact' : 'NOT EXACT'}`,
        },
      ]
    } finally {
      raw.destroy()
      await Promise.all([subject.dispose(), sink.stop()])
    }
  },
}
