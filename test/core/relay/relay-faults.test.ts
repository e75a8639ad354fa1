import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { relayFaultsSchema, type RelayFaultsInput } from '../../../electron/shared'
import {
  nodeTcpClient,
  nodeTcpServer,
  nodeUdpPeer,
  within,
  type NodeTcpServer,
  type NodeUdpPeer,
} from '../../helpers/peers'
import { EngineHarness } from '../engine/harness'
import { openRelay } from './relay-kit'

// Faults changed live on an open relay, measured where a user would notice them: at the far end.

const setFaults = (harness: EngineHarness, sessionId: string, faults: RelayFaultsInput): void => {
  harness.engine.setFaults({ sessionId, faults: relayFaultsSchema.parse(faults) })
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('relay faults', () => {
  let harness: EngineHarness
  let server: NodeTcpServer | undefined
  const udpPeers: NodeUdpPeer[] = []
  afterEach(async () => {
    await harness.dispose()
    await server?.close()
    server = undefined
    await Promise.all(udpPeers.splice(0).map((peer) => peer.close()))
  })

  it('delays each chunk by 50 ms (measured at the upstream, ±10 ms)', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    client.socket.setNoDelay(true)
    setFaults(harness, relay.id, { toUpstream: { delayMs: 50 } })
    const delays: number[] = []
    for (let round = 1; round <= 9; round++) {
      const startedAt = performance.now()
      client.socket.write('x')
      await upstream.received.waitForBytes(round)
      delays.push(performance.now() - startedAt)
    }
    console.info(`relay delay 50 ms: median ${median(delays).toFixed(1)} ms at the upstream`)
    expect(median(delays)).toBeGreaterThanOrEqual(40)
    expect(median(delays)).toBeLessThanOrEqual(60)
    // Live: back to no delay, and the other direction was never delayed.
    setFaults(harness, relay.id, {})
    expect(harness.engine.get(relay.id).options).toMatchObject({ faults: { toUpstream: { delayMs: 0 } } })
  })

  it('drops 20 % of 5,000 datagrams (between 16 and 24 %), each drop a row', async () => {
    harness = new EngineHarness()
    const upstream = await nodeUdpPeer('127.0.0.1')
    const sender = await nodeUdpPeer('127.0.0.1')
    udpPeers.push(upstream, sender)
    let arrived = 0
    upstream.socket.on('message', () => (arrived += 1))
    const relay = await openRelay(harness, upstream.port, {
      udp: true,
      faults: { toUpstream: { dropPercent: 20 } },
    })
    const total = 5_000
    // Counted here, not by scanning the log after every event (5,000 datagrams make 10,000 rows).
    let handled = 0
    let wanted = 0
    let reached: (() => void) | undefined
    const unsubscribe = harness.engine.subscribe((event) => {
      if (event.type !== 'dropped' && !(event.type === 'sent' && event.direction === 'to-upstream')) return
      handled += 1
      if (handled >= wanted) reached?.()
    })
    // In batches the kernel's buffers can take, so only the fault loses datagrams.
    for (let sent = 0; sent < total;) {
      const batch = Math.min(100, total - sent)
      sent += batch
      wanted = sent
      const batchDone = new Promise<void>((resolve) => (reached = resolve))
      for (let index = sent - batch; index < sent; index++) {
        sender.socket.send(Buffer.from(`d${index}`), relay.port, '127.0.0.1')
      }
      await within(batchDone, `the relay to handle ${sent} datagrams`)
    }
    unsubscribe()
    const dropped = harness.ofType(relay.id, 'dropped')
    const share = dropped.length / total
    console.info(`relay drop 20 %: ${dropped.length} of ${total} dropped (${(share * 100).toFixed(1)} %)`)
    expect(share).toBeGreaterThanOrEqual(0.16)
    expect(share).toBeLessThanOrEqual(0.24)
    expect(dropped.every((row) => row.reason === 'fault' && row.direction === 'to-upstream')).toBe(true)
    await within(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (arrived === total - dropped.length) resolve()
        }
        upstream.socket.on('message', check)
        check()
      }),
      'the forwarded datagrams at the upstream',
    )
  })

  it('pause holds TCP data (nothing forwarded) and resume delivers it in order', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    setFaults(harness, relay.id, { toUpstream: { paused: true } })
    const parts = ['one ', 'two ', 'three']
    for (const part of parts) {
      client.socket.write(part)
      // One chunk at a time, so the order is the relay's to keep.
      await harness.waitForReceived(relay.id, parts.slice(0, parts.indexOf(part) + 1).join('').length)
    }
    const held = harness.engine.get(relay.id).connections[0]!
    expect(held.upstream!.stats.bytesOut).toBe(0)
    expect(harness.engine.get(relay.id).stats.queuedBytes).toBe(13)
    expect(upstream.received.byteLength).toBe(0)
    setFaults(harness, relay.id, { toUpstream: { paused: false } })
    expect((await upstream.received.waitForBytes(13)).toString()).toBe('one two three')
  })

  it('injects a message into either direction and resets one pair', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    const inject = (direction: 'to-upstream' | 'to-client', text: string) =>
      harness.engine.inject({ sessionId: relay.id, connectionId: 'c1', direction, data: Buffer.from(text) })
    expect(await inject('to-upstream', 'hello upstream')).toEqual({ bytes: 14, targets: 1 })
    expect((await upstream.received.waitForBytes(14)).toString()).toBe('hello upstream')
    await inject('to-client', 'hello client')
    expect((await client.received.waitForBytes(12)).toString()).toBe('hello client')
    await harness.engine.disconnect({ sessionId: relay.id, connectionId: 'c1', mode: 'reset' })
    await within(Promise.all([client.closed, upstream.closed]), 'both sides to be reset')
    expect(harness.engine.get(relay.id).state).toBe('listening')
  })
})
