import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { MIB, median, round } from '../stats'
import { socatRelay } from './relay-kit'

// Issue 19: 128 MiB from an outside sender to an outside sink, through our TCP relay, through socat's
// `TCP-LISTEN … TCP:` relay, and straight to the sink, in turns in the same run.

const BYTES = 128 * MIB
const ROUNDS = 3

export const relayTcp: Benchmark = {
  name: 'relay-tcp',
  async run() {
    const sender = await startPeer('tcp-sender.ts')
    const sink = await startPeer('tcp-sink.ts')
    const subject = new EngineUnderTest()
    const { port: sinkPort } = await sink.request<{ port: number }>({ listen: true })
    const relay = await subject.open({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: sinkPort,
    })
    const socat = await socatRelay(sinkPort)
    const through = async (port: number): Promise<number> => {
      const started = performance.now()
      await Promise.all([sink.request({ expect: BYTES }), sender.request({ port, bytes: BYTES })])
      return (performance.now() - started) / 1000
    }
    const paths = { ours: relay.local!.port, socat: socat.port, direct: sinkPort }
    const seconds = { ours: [] as number[], socat: [] as number[], direct: [] as number[] }
    try {
      // One unrecorded round each (cold peers), then the three in turns so drift hits them alike.
      for (const port of Object.values(paths)) await through(port)
      for (let index = 0; index < ROUNDS; index++) {
        for (const [path, port] of Object.entries(paths))
          seconds[path as keyof typeof paths].push(await through(port))
      }
      const rate = (path: keyof typeof paths): number => round(BYTES / MIB / median(seconds[path]))
      const forwarded = subject.engine.stats(relay.id).bytesOut === (ROUNDS + 1) * BYTES
      const note = `${ROUNDS}× ${BYTES / MIB} MiB, median; relay counters ${forwarded ? 'exact' : 'NOT EXACT'}`
      return [
        {
          result: {
            name: 'relay-tcp',
            unit: 'MiB/s',
            ours: rate('ours'),
            higherIsBetter: true,
            baseline: rate('socat'),
            baselineName: 'socat TCP-LISTEN … TCP: relay',
          },
          ratioGoal: 1.0,
          note,
        },
        {
          result: {
            name: 'relay-tcp/direct',
            unit: 'MiB/s',
            ours: rate('ours'),
            higherIsBetter: true,
            baseline: rate('direct'),
            baselineName: 'direct connection',
          },
          ratioGoal: 0.5,
          note,
        },
      ]
    } finally {
      await Promise.all([subject.dispose(), socat.stop(), sender.stop(), sink.stop()])
    }
  },
}
