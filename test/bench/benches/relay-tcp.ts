import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { MIB, median, round } from '../stats'
import { bareNodePipeRelay, socatRelay } from './relay-kit'

// Issue 19: 128 MiB from an outside sender to an outside sink, through our TCP relay, through socat's
// `TCP-LISTEN … TCP:` relay, through a bare Node pipe relay (what a relay in Node gets on this machine),
// and straight to the sink, in turns in the same run.

const BYTES = 128 * MIB
/** Five, not three: on a shared two-core machine one slow round among three moved the median by a third. */
const ROUNDS = 5

const PATHS = ['ours', 'socat', 'bare', 'direct'] as const
type Path = (typeof PATHS)[number]

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
    const bare = await bareNodePipeRelay(sinkPort)
    const through = async (port: number): Promise<number> => {
      const started = performance.now()
      await Promise.all([sink.request({ expect: BYTES }), sender.request({ port, bytes: BYTES })])
      return (performance.now() - started) / 1000
    }
    const ports: Record<Path, number> = {
      ours: relay.local!.port,
      socat: socat.port,
      bare: bare.port,
      direct: sinkPort,
    }
    const seconds: Record<Path, number[]> = { ours: [], socat: [], bare: [], direct: [] }
    try {
      // One unrecorded round each (cold peers), then the paths in turns so drift hits them alike.
      for (const path of PATHS) await through(ports[path])
      for (let index = 0; index < ROUNDS; index++) {
        for (const path of PATHS) seconds[path].push(await through(ports[path]))
      }
      const rate = (path: Path): number => round(BYTES / MIB / median(seconds[path]))
      const forwarded = subject.engine.stats(relay.id).bytesOut === (ROUNDS + 1) * BYTES
      const note = `${ROUNDS}× ${BYTES / MIB} MiB, median; relay counters ${forwarded ? 'exact' : 'NOT EXACT'}`
      const ceiling = Math.round((rate('bare') / rate('direct')) * 100)
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
          note: `${note}; a bare Node pipe relay reached ${ceiling}% of direct in this run`,
        },
        {
          result: {
            name: 'relay-tcp/bare-node-pipe',
            unit: 'MiB/s',
            ours: rate('ours'),
            higherIsBetter: true,
            baseline: rate('bare'),
            baselineName: 'bare Node net pipe relay',
          },
          ratioGoal: 0.9,
          note:
            `what a relay in Node gets here: an in-process net server piping both ways, no rows, ` +
            `counters or faults (${ceiling}% of direct); goal: within 10% of it`,
        },
      ]
    } finally {
      await Promise.all([subject.dispose(), socat.stop(), bare.stop(), sender.stop(), sink.stop()])
    }
  },
}
