import { createSocket } from 'node:dgram'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeProbe } from '../../../electron/core/generator/probe-layout'
import {
  OwnErrorCode,
  startGeneratorRequestSchema,
  type GeneratorReport,
  type StartGeneratorRequest,
} from '../../../electron/shared'
import { within } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { nodeUdpCounter, nodeUdpEcho, pythonDropEveryTenthEcho } from './generator-peers'

let harness: EngineHarness
const cleanups: Array<() => unknown> = []

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
  await harness.dispose()
})

/** A UDP session whose default destination is the peer's port. */
async function udpTo(port: number, connect = false): Promise<string> {
  const { id } = await harness.openRequest({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: port,
    connectToRemote: connect,
  })
  return id
}

function start(request: StartGeneratorRequest): Promise<GeneratorReport> {
  return harness.engine.startGenerator(startGeneratorRequestSchema.parse(request))
}

/**
 * The run's final report (the 'generator' event with phase 'done'). Listens to the engine itself: the harness's
 * waitFor looks through every event so far at each new one, and a generator's sent rows make that slow the run.
 */
function summaryOf(sessionId: string, ms = 15_000): Promise<GeneratorReport> {
  const latest = harness.engine.get(sessionId).generator
  if (latest?.phase === 'done') return Promise.resolve(latest)
  let unsubscribe = (): void => undefined
  const done = new Promise<GeneratorReport>((resolve) => {
    unsubscribe = harness.engine.subscribe((event) => {
      if (event.sessionId !== sessionId || event.type !== 'generator') return
      if (event.report.phase === 'done' && event.report.role === 'sender') resolve(event.report)
    })
  })
  return within(done, `the generator summary of ${sessionId}`, ms).finally(unsubscribe)
}

describe('UDP generator: pacing', () => {
  it('holds 2,000 msg/s for 3 s within ±5 % by a plain node receiver’s count', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const id = await udpTo(receiver.port)
    await start({ sessionId: id, rate: 2_000, size: 64, durationMs: 3_000 })
    const summary = await summaryOf(id)
    await receiver.waitForCount(summary.sent)
    const figures = JSON.stringify(summary)
    expect(summary.endReason, figures).toBe('duration')
    // Planned: what the rate fits into the duration, sent within it (well inside the issue's ±5 %).
    expect(receiver.count, figures).toBe(6_000)
    expect(receiver.count).toBe(summary.sent)
    expect(summary.achievedRate).toBeGreaterThan(1_900)
    expect(summary.achievedRate).toBeLessThan(2_100)
    // Bytes sent stay exact: the session's counter took every datagram.
    expect(harness.engine.stats(id).bytesOut).toBe(summary.sent * 64)
    // One interval report per second while it ran.
    const running = harness.ofType(id, 'generator').filter((event) => event.report.phase === 'running')
    expect(running.length).toBeGreaterThanOrEqual(2)
    expect(running[0]!.report.interval!.rate).toBeGreaterThan(1_800)
  })

  it('makes up a stall of the event loop longer than the burst before its duration ends', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const id = await udpTo(receiver.port)
    await start({ sessionId: id, rate: 2_000, size: 64, durationMs: 1_000 })
    // Held up for 300 ms in the middle (a run without a duration makes up 250 ms, and loses the rest).
    setTimeout(() => {
      const busyUntil = performance.now() + 300
      while (performance.now() < busyUntil);
    }, 300)
    const summary = await summaryOf(id)
    const figures = JSON.stringify(summary)
    expect(summary.endReason, figures).toBe('duration')
    // 1,887–1,897 when what the stall held up over the burst was lost.
    expect(summary.sent, figures).toBe(2_000)
    await receiver.waitForCount(2_000)
  })

  it('sends all a duration plans however early within its millisecond the duration’s timer runs', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    // At 10,000 msg/s the first message's credit covers 0.1 ms; a timer runs up to 1 ms early. Twenty short runs
    // (each on a session of its own) start at different points of a millisecond.
    const sent: number[] = []
    for (let run = 0; run < 20; run++) {
      const id = await udpTo(receiver.port)
      await start({ sessionId: id, rate: 10_000, size: 16, durationMs: 30 })
      sent.push((await summaryOf(id)).sent)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2))
    }
    expect(sent).toEqual(Array.from({ length: 20 }, () => 300))
  })

  it('sends exactly N in count mode, as fast as possible', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const id = await udpTo(receiver.port)
    await start({ sessionId: id, size: 100, count: 5_000, maxInFlight: 16 })
    const summary = await summaryOf(id)
    expect(summary.endReason).toBe('count')
    expect(summary.sent).toBe(5_000)
    expect(summary.bytes).toBe(500_000)
    await receiver.waitForCount(5_000)
    expect(receiver.count).toBe(5_000)
    expect(harness.engine.get(id).generator?.phase).toBe('done')
  })

  it('stops within 100 ms of being told to', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const id = await udpTo(receiver.port)
    await start({ sessionId: id, rate: 5_000, size: 64 })
    await receiver.waitForCount(1_000)
    const stoppedAt = performance.now()
    const summary = await harness.engine.stopGenerator(id)
    expect(summary.endReason).toBe('stopped')
    await receiver.waitForCount(summary.sent)
    // Nothing arrives after the stop but what was already on its way: give any straggler time to show up.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(receiver.count).toBe(summary.sent)
    expect(receiver.lastAt - stoppedAt).toBeLessThan(100)
  })

  it('refuses a second run, a measured message too short for its header, and a server session', async () => {
    const receiver = await nodeUdpCounter()
    cleanups.push(() => receiver.close())
    const id = await udpTo(receiver.port)
    await expect(start({ sessionId: id, size: 10, measure: true })).rejects.toMatchObject({
      code: OwnErrorCode.invalidRequest,
    })
    await start({ sessionId: id, rate: 100 })
    await expect(start({ sessionId: id, rate: 100 })).rejects.toMatchObject({ code: OwnErrorCode.wrongState })
    await harness.engine.stopGenerator(id)
    const server = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    await expect(start({ sessionId: server.id, rate: 100 })).rejects.toMatchObject({
      code: OwnErrorCode.notSupported,
    })
    expect(() =>
      startGeneratorRequestSchema.parse({ sessionId: id, size: 10, data: new Uint8Array(4) }),
    ).toThrow()
  })
})

describe('UDP generator: measurements', () => {
  it('reports RTT percentiles within ±3 ms of a node echo peer’s injected 20 ms delay', async () => {
    const echo = await nodeUdpEcho({ delayMs: 20 })
    cleanups.push(() => echo.close())
    const id = await udpTo(echo.port)
    await start({ sessionId: id, rate: 200, size: 64, count: 300, measure: true })
    const summary = await summaryOf(id)
    expect(summary.rtt?.count).toBe(300)
    expect(Math.abs(summary.rtt!.p50Ms - 20)).toBeLessThanOrEqual(3)
    expect(summary.rtt!.p99Ms).toBeGreaterThanOrEqual(summary.rtt!.p50Ms)
    expect(summary.rtt!.maxMs).toBeGreaterThanOrEqual(summary.rtt!.p99Ms)
    expect(summary.sequence).toMatchObject({ received: 300, lost: 0, duplicated: 0, reordered: 0 })
  })

  needs('python3').it('reports 10 % lost against a python3 peer that drops every 10th datagram', async () => {
    const echo = await pythonDropEveryTenthEcho()
    cleanups.push(() => echo.stop())
    const id = await udpTo(echo.port)
    await start({ sessionId: id, rate: 2_000, size: 64, count: 1_000, measure: true })
    const summary = await summaryOf(id)
    expect(summary.sent).toBe(1_000)
    expect(summary.sequence).toMatchObject({ received: 900, lost: 100, duplicated: 0 })
  })

  it('counts reordered echoes from a peer that swaps pairs', async () => {
    const echo = await nodeUdpEcho({ swapPairs: true })
    cleanups.push(() => echo.close())
    const id = await udpTo(echo.port)
    await start({ sessionId: id, rate: 1_000, size: 32, count: 200, measure: true })
    const summary = await summaryOf(id)
    expect(summary.sequence).toMatchObject({ received: 200, lost: 0, reordered: 100, duplicated: 0 })
  })

  it('counts ECONNREFUSED from a vanished peer on a connected socket and keeps running', async () => {
    const receiver = await nodeUdpCounter()
    const id = await udpTo(receiver.port, true)
    await receiver.close()
    await start({ sessionId: id, rate: 1_000, size: 64, durationMs: 500 })
    const summary = await summaryOf(id)
    expect(summary.endReason).toBe('duration')
    expect(summary.errors).toBeGreaterThan(0)
    expect(summary.lastError?.code).toBe('ECONNREFUSED')
    expect(harness.engine.get(id).state).toBe('bound')
  })
})

describe('UDP receiving session', () => {
  it('counts loss from the sequence numbers of measured datagrams a plain node sender skips', async () => {
    const { id, port } = await harness.openRequest({ kind: 'udp', host: '127.0.0.1', port: 0 })
    const sender = createSocket('udp4')
    cleanups.push(() => new Promise<void>((resolve) => sender.close(() => resolve())))
    let sent = 0
    for (let seq = 0; seq < 500; seq++) {
      if (seq % 10 === 9) continue
      // A fresh buffer each: dgram sends without copying, so a reused one could go out rewritten.
      const message = new Uint8Array(64)
      writeProbe(message, 77, seq, performance.timeOrigin + performance.now())
      sender.send(message, port, '127.0.0.1')
      sent += 1
      if (seq % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await harness.waitFor(id, 'received', () => harness.engine.stats(id).messagesIn >= sent)
    await harness.engine.close(id)
    const final = await harness.waitFor(id, 'generator', (event) => event.report.phase === 'done')
    expect(final.report).toMatchObject({ role: 'receiver' })
    // Numbers up to the highest seen (499 is skipped, so 498): 499 expected, 449 arrived.
    expect(final.report.sequence).toMatchObject({ received: 450, lost: 49, duplicated: 0, reordered: 0 })
  })

  it('applies the receive buffer size and reports it with the kernel’s drop count', async () => {
    const { id } = await harness.openRequest({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      recvBufferSize: 65_536,
    })
    const buffer = harness.engine.stats(id).receiveBuffer
    // Linux doubles SO_RCVBUF for its bookkeeping; elsewhere the size is as asked.
    expect(buffer?.bytes).toBe(process.platform === 'linux' ? 131_072 : 65_536)
    if (process.platform === 'linux') expect(buffer?.drops).toBe(0)
  })
})
