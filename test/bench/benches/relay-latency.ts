import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { median, round } from '../stats'

// Issue 19: 1,000 small request/responses (32 bytes) from an outside client to an outside echo, through our
// TCP relay and straight, in turns: the relay's added median per round trip must stay under 0.3 ms.

const COUNT = 1_000
const SIZE = 32
const ROUNDS = 5
const ADDED_P50_LIMIT_MS = 0.3

export const relayLatency: Benchmark = {
  name: 'relay-latency',
  async run() {
    const peer = await startPeer('rtt-peer.ts')
    const subject = new EngineUnderTest()
    const { port: echoPort } = await peer.request<{ port: number }>({ listen: true })
    const relay = await subject.open({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: echoPort,
    })
    const p50 = async (port: number): Promise<number> =>
      (await peer.request<{ p50Ms: number }>({ port, count: COUNT, size: SIZE })).p50Ms
    const ours: number[] = []
    const direct: number[] = []
    try {
      await p50(relay.local!.port)
      await p50(echoPort)
      for (let index = 0; index < ROUNDS; index++) {
        ours.push(await p50(relay.local!.port))
        direct.push(await p50(echoPort))
      }
      const added = median(ours) - median(direct)
      return [
        {
          result: {
            name: 'relay-latency',
            unit: 'ms added (p50)',
            ours: round(added, 3),
            higherIsBetter: false,
            limit: ADDED_P50_LIMIT_MS,
          },
          note: `${ROUNDS}× ${COUNT} round trips of ${SIZE} B: p50 ${round(median(ours), 3)} ms relayed, ${round(median(direct), 3)} ms direct`,
        },
      ]
    } finally {
      await Promise.all([subject.dispose(), peer.stop()])
    }
  },
}
