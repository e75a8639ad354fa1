import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  startGeneratorRequestSchema,
  type GeneratorReport,
  type StartGeneratorRequest,
} from '../../../electron/shared'
import { within } from '../../helpers/peers'
import { EngineHarness } from '../engine/harness'
import { createTlsFixtures, type TlsFixtures } from '../tls/tls-fixtures'
import { nodeSlowReader, nodeTcpCounter, nodeTcpEcho, type TcpPeer } from './generator-peers'

// The generator on a TLS client session (a tcp-client with TLS on: the same capability, the TLS socket carries the
// writes), against node's own TLS server, not our engine.

let files: TlsFixtures
let harness: EngineHarness
let peer: TcpPeer | undefined

beforeAll(async () => {
  files = await createTlsFixtures()
})
afterAll(() => files.remove())
beforeEach(() => {
  harness = new EngineHarness()
})
afterEach(async () => {
  await harness.dispose()
  await peer?.close()
  peer = undefined
})

/** A verified TLS client session to the peer (its certificate is trusted as a CA file). */
async function tlsClientTo(port: number): Promise<string> {
  const { id } = await harness.openRequest({
    kind: 'tcp-client',
    host: '127.0.0.1',
    port,
    tls: { caFiles: [files.localhost.cert], servername: 'localhost' },
  })
  expect(harness.engine.get(id).tls).toMatchObject({ verified: true })
  return id
}

function start(request: StartGeneratorRequest): Promise<GeneratorReport> {
  return harness.engine.startGenerator(startGeneratorRequestSchema.parse(request))
}

/** The summary, listened for on the engine (the harness's waitFor scans every event at each new one). */
function summaryOf(sessionId: string): Promise<GeneratorReport> {
  let unsubscribe = (): void => undefined
  const done = new Promise<GeneratorReport>((resolve) => {
    unsubscribe = harness.engine.subscribe((event) => {
      if (event.sessionId === sessionId && event.type === 'generator' && event.report.phase === 'done')
        resolve(event.report)
    })
  })
  return within(done, `the generator summary of ${sessionId}`, 20_000).finally(unsubscribe)
}

describe('TLS generator', () => {
  it('the session offers the generator, and sends exactly N messages of the asked size', async () => {
    peer = await nodeTcpCounter(files.localhost)
    const id = await tlsClientTo(peer.port)
    expect(harness.engine.get(id).capabilities.generator).toBe(true)
    await start({ sessionId: id, size: 100, count: 5_000 })
    const summary = await summaryOf(id)
    expect(summary).toMatchObject({ sent: 5_000, bytes: 500_000, endReason: 'count', errors: 0 })
    // The plaintext the peer decrypted, byte for byte.
    await peer.waitForBytes(500_000)
    expect(peer.received).toBe(500_000)
    expect(harness.engine.stats(id).bytesOut).toBe(500_000)
  })

  it('Measure: RTT within ±3 ms of a node TLS echo peer’s injected 20 ms delay', async () => {
    peer = await nodeTcpEcho(20, files.localhost)
    const id = await tlsClientTo(peer.port)
    await start({ sessionId: id, rate: 200, size: 100, count: 300, measure: true })
    const summary = await summaryOf(id)
    expect(summary.rtt?.count).toBe(300)
    expect(Math.abs(summary.rtt!.p50Ms - 20)).toBeLessThanOrEqual(3)
    expect(summary.sequence).toMatchObject({ received: 300, lost: 0, reordered: 0 })
  })

  it('honours backpressure against a slow TLS reader: bounded queue, and the achieved rate says so', async () => {
    // The reader takes 64 KiB every 50 ms (1.3 MB/s); 20 MB/s is asked.
    peer = await nodeSlowReader(64 * 1024, 50, files.localhost)
    const id = await tlsClientTo(peer.port)
    await start({ sessionId: id, rate: 20_000, size: 1_000, durationMs: 2_000 })
    let maxQueued = 0
    const sampler = setInterval(
      () => (maxQueued = Math.max(maxQueued, harness.engine.stats(id).queuedBytes)),
      20,
    )
    const summary = await summaryOf(id).finally(() => clearInterval(sampler))
    // In flight: at most 1 MiB of messages (as over TCP), whatever was asked.
    expect(maxQueued).toBeLessThanOrEqual(1024 * 1024)
    expect(summary.limitedByPeer).toBe(true)
    expect(summary.achievedRate).toBeLessThan(20_000 * 0.5)
    // What it counts as sent is what the TLS socket took; beyond what the reader read, only the buffers between.
    expect(summary.bytes - peer.received).toBeLessThan(16 * 1024 * 1024)
    expect(summary.bytes).toBe(harness.engine.stats(id).bytesOut)
  })
})
