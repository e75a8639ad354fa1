import { createSocket } from 'node:dgram'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer, type PeerProcess } from '../peer-process'
import { WARM_UP_ROUNDS, alternate, median, round } from '../stats'

const FLOOD_MS = 2_000
const SIZE = 64
const ROUNDS = 3
/** The flood is over when nothing more arrived for this long after the sender finished. */
const QUIET_MS = 300
/** SO_RCVBUF asked for the raised-buffer run (Linux doubles it, capped by net.core.rmem_max). */
const RAISED_BUFFER = 4 * 1024 * 1024

/** Counts arrivals; `rate()` is datagrams per second between the first and the last one. */
class Arrivals {
  count = 0
  private first = 0
  private last = 0

  arrived(): void {
    const now = performance.now()
    if (this.count === 0) this.first = now
    this.last = now
    this.count++
  }

  reset(): void {
    this.count = 0
  }

  rate(): number {
    return this.count < 2 ? 0 : (this.count - 1) / ((this.last - this.first) / 1000)
  }

  async quiet(): Promise<void> {
    for (let seen = -1; seen !== this.count;) {
      seen = this.count
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS))
    }
  }
}

/** One flood; records the share of the sent datagrams that the socket delivered. */
async function flood(
  sender: PeerProcess,
  port: number,
  arrivals: Arrivals,
  delivered: number[],
): Promise<number> {
  arrivals.reset()
  const { sent } = await sender.request<{ sent: number }>({ port, size: SIZE, durationMs: FLOOD_MS })
  await arrivals.quiet()
  delivered.push(arrivals.count / sent)
  return arrivals.rate()
}

export const udpReceive: Benchmark = {
  name: 'udp-receive',
  async run() {
    const sender = await startPeer('udp-sender.ts')
    const subject = new EngineUnderTest()
    const session = await subject.open({ kind: 'udp', host: '127.0.0.1', port: 0 })
    const raised = await subject.open({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      recvBufferSize: RAISED_BUFFER,
    })
    const ours = new Arrivals()
    const oursRaised = new Arrivals()
    let oursTotal = 0
    subject.engine.subscribe((event) => {
      if (event.type !== 'received') return
      if (event.sessionId === raised.id) return oursRaised.arrived()
      oursTotal++
      ours.arrived()
    })
    const raw = new Arrivals()
    const socket = createSocket('udp4', () => raw.arrived())
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
    const delivered = {
      ours: [] as number[],
      raw: [] as number[],
      raised: [] as number[],
      raw2: [] as number[],
    }
    try {
      const rates = await alternate(
        ROUNDS,
        () => flood(sender, session.local!.port, ours, delivered.ours),
        () => flood(sender, socket.address().port, raw, delivered.raw),
      )
      const exact = subject.engine.stats(session.id).messagesIn === oursTotal
      const shareOf = (shares: number[]): number => median(shares.slice(WARM_UP_ROUNDS)) * 100
      const share = (shares: number[]): string => `${Math.round(shareOf(shares))}%`
      // The same floods again, ours now with a raised receive buffer: room for what arrives while the engine works.
      await alternate(
        ROUNDS,
        () => flood(sender, raised.local!.port, oursRaised, delivered.raised),
        () => flood(sender, socket.address().port, raw, delivered.raw2),
      )
      const buffer = subject.engine.stats(raised.id).receiveBuffer
      return [
        {
          result: {
            name: 'udp-receive/raised-buffer',
            unit: '% delivered',
            ours: round(shareOf(delivered.raised), 1),
            higherIsBetter: true,
            baseline: round(shareOf(delivered.raw2), 1),
            baselineName: 'raw node dgram socket (default buffer)',
          },
          ratioGoal: 0.95,
          note:
            `recvBufferSize ${RAISED_BUFFER / 1024 / 1024} MiB asked, ${Math.round((buffer?.bytes ?? 0) / 1024)} KiB ` +
            `given; kernel drops ${buffer?.drops ?? 'unknown'}; goal: within 5 points of the raw receiver`,
        },
        {
          result: {
            name: 'udp-receive',
            unit: 'datagrams/s',
            ours: round(median(rates.ours), 0),
            higherIsBetter: true,
            baseline: round(median(rates.baseline), 0),
            baselineName: 'raw node dgram socket',
          },
          ratioGoal: 0.8,
          note:
            `${ROUNDS}× ${FLOOD_MS / 1000} s of ${SIZE} B datagrams, unpaced, from a child process, median; ` +
            `delivered ${share(delivered.ours)} (ours) / ${share(delivered.raw)} (raw); counters ${exact ? 'exact' : 'NOT EXACT'}`,
        },
      ]
    } finally {
      socket.close()
      await Promise.all([subject.dispose(), sender.stop()])
    }
  },
}
