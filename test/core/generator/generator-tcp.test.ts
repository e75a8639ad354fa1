import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startGeneratorRequestSchema,
  type GeneratorReport,
  type StartGeneratorRequest,
} from '../../../electron/shared'
import { EngineHarness } from '../engine/harness'
import { nodeSlowReader, nodeTcpCounter, nodeTcpEcho, type TcpPeer } from './generator-peers'

let harness: EngineHarness
let peer: TcpPeer | undefined

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
  await peer?.close()
  peer = undefined
})

async function clientTo(port: number): Promise<string> {
  return (await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port })).id
}

function start(request: StartGeneratorRequest): Promise<GeneratorReport> {
  return harness.engine.startGenerator(startGeneratorRequestSchema.parse(request))
}

async function summaryOf(sessionId: string): Promise<GeneratorReport> {
  const done = await harness.waitFor(sessionId, 'generator', (event) => event.report.phase === 'done', 20_000)
  return done.report
}

describe('TCP generator', () => {
  it('sends exactly N messages of the asked size', async () => {
    peer = await nodeTcpCounter()
    const id = await clientTo(peer.port)
    await start({ sessionId: id, size: 100, count: 10_000 })
    const summary = await summaryOf(id)
    expect(summary).toMatchObject({ sent: 10_000, bytes: 1_000_000, endReason: 'count', errors: 0 })
    await peer.waitForBytes(1_000_000)
    expect(peer.received).toBe(1_000_000)
    expect(harness.engine.stats(id).bytesOut).toBe(1_000_000)
  })

  it('reports RTT within ±3 ms of a node echo peer’s injected 20 ms delay, however the stream is cut', async () => {
    peer = await nodeTcpEcho(20)
    const id = await clientTo(peer.port)
    await start({ sessionId: id, rate: 200, size: 100, count: 300, measure: true })
    const summary = await summaryOf(id)
    expect(summary.rtt?.count).toBe(300)
    expect(Math.abs(summary.rtt!.p50Ms - 20)).toBeLessThanOrEqual(3)
    expect(summary.sequence).toMatchObject({ received: 300, lost: 0, reordered: 0 })
  })

  it('against a slow reader: bounded memory, and an achieved rate that says the peer is slower', async () => {
    // The reader takes 64 KiB every 50 ms (1.3 MB/s); 20 MB/s is asked.
    peer = await nodeSlowReader(64 * 1024, 50)
    const id = await clientTo(peer.port)
    const rssBefore = process.memoryUsage().rss
    await start({ sessionId: id, rate: 20_000, size: 1_000, durationMs: 3_000 })
    let maxQueued = 0
    const sampler = setInterval(
      () => (maxQueued = Math.max(maxQueued, harness.engine.stats(id).queuedBytes)),
      20,
    )
    const summary = await summaryOf(id).finally(() => clearInterval(sampler))
    const rssGrowth = process.memoryUsage().rss - rssBefore
    // In flight: at most 1 MiB of messages, whatever was asked.
    expect(maxQueued).toBeLessThanOrEqual(1024 * 1024)
    expect(rssGrowth).toBeLessThan(64 * 1024 * 1024)
    expect(summary.limitedByPeer).toBe(true)
    expect(summary.achievedRate).toBeLessThan(20_000 * 0.5)
    // Honest: what it counts as sent is what the kernel took; beyond what the reader read, only the socket buffers.
    expect(summary.bytes - peer.received).toBeLessThan(16 * 1024 * 1024)
    expect(summary.bytes).toBe(harness.engine.stats(id).bytesOut)
  })

  it('ends with the session when the peer goes away', async () => {
    peer = await nodeTcpCounter()
    const id = await clientTo(peer.port)
    await start({ sessionId: id, rate: 1_000, size: 64 })
    await peer.waitForBytes(1)
    await peer.close()
    peer = undefined
    const summary = await summaryOf(id)
    expect(summary.endReason).toBe('closed')
    expect(harness.engine.get(id).state).toMatch(/closed|error/)
  })
})
