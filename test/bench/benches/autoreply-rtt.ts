import { createServer, type Server } from 'node:net'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { WARM_UP_ROUNDS, alternate, median, round } from '../stats'

// Issue 17: request→reply latency through one Contains rule on our TCP server (with the event batcher
// subscribed, as the app runs) against a raw Node echo server in the same process, from a client in a child
// process. Goal: our p50 at most 1.5× the raw echo's.

const REQUEST = 'GET status ping\n'
const REPLY = 'pong ok\n'
const ROUND_TRIPS = 2_000
const ROUNDS = 5

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!
}

/** The raw baseline: answers each read with REPLY as soon as the request is in, like the rule does. */
async function rawReplyServer(): Promise<Server> {
  const server = createServer({ noDelay: true }, (socket) => {
    socket.on('data', () => socket.write(REPLY))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

export const autoreplyRtt: Benchmark = {
  name: 'autoreply-rtt',
  async run() {
    const client = await startPeer('rtt-client.ts')
    const subject = new EngineUnderTest()
    const session = await subject.open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      autoReply: { rules: [{ matchType: 'contains', match: 'ping', reply: 'pong ok\\n' }] },
    })
    const raw = await rawReplyServer()
    const ports = { ours: session.local!.port, raw: (raw.address() as { port: number }).port }
    const ours: number[] = []
    const baseline: number[] = []
    const measure = async (port: number, into: number[]): Promise<number> => {
      const { times } = await client.request<{ times: number[] }>({
        port,
        request: REQUEST,
        replyBytes: REPLY.length,
        count: ROUND_TRIPS,
      })
      into.push(...times)
      return median(times)
    }
    try {
      const medians = await alternate(
        ROUNDS,
        () => measure(ports.ours, ours),
        () => measure(ports.raw, baseline),
      )
      // The warm-up round's times are left out, as alternate() leaves out its result.
      const keptOurs = ours.slice(WARM_UP_ROUNDS * ROUND_TRIPS).sort((a, b) => a - b)
      const keptRaw = baseline.slice(WARM_UP_ROUNDS * ROUND_TRIPS).sort((a, b) => a - b)
      const matched = subject.engine.stats(session.id).autoReplyMatches?.[0] ?? 0
      const exact = matched === (WARM_UP_ROUNDS + ROUNDS) * ROUND_TRIPS
      const note = `${ROUNDS}× ${ROUND_TRIPS} sequential round trips from a child process, loopback; rule counter ${exact ? 'exact' : `NOT EXACT (${matched})`}; medians per round ${medians.ours.map((value) => round(value * 1000, 0)).join('/')} µs vs ${medians.baseline.map((value) => round(value * 1000, 0)).join('/')} µs`
      return [
        {
          result: {
            name: 'autoreply-rtt/p50',
            unit: 'µs',
            ours: round(percentile(keptOurs, 0.5) * 1000, 0),
            higherIsBetter: false,
            baseline: round(percentile(keptRaw, 0.5) * 1000, 0),
            baselineName: 'raw Node reply server (same process)',
          },
          ratioGoal: 1.5,
          note,
        },
        {
          result: {
            name: 'autoreply-rtt/p99',
            unit: 'µs',
            ours: round(percentile(keptOurs, 0.99) * 1000, 0),
            higherIsBetter: false,
            baseline: round(percentile(keptRaw, 0.99) * 1000, 0),
            baselineName: 'raw Node reply server (same process)',
          },
          // The issue sets its goal on p50; the tail is held to the same ratio here so a slow path shows.
          ratioGoal: 1.5,
          note: 'the same round trips; the issue sets no p99 goal, held to p50’s 150% here',
        },
      ]
    } finally {
      // The client first: a server's close waits for its connections to end.
      await client.stop()
      await Promise.all([new Promise((resolve) => raw.close(resolve)), subject.dispose()])
    }
  },
}
