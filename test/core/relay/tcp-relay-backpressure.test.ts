import { afterEach, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { openSessionRequestSchema } from '../../../electron/shared'
import { ByteCollector, nodeTcpClient, nodeTcpServer, within, type NodeTcpServer } from '../../helpers/peers'
import { patternByte, writePattern } from './relay-kit'
import { RELAY_HIGH_WATER } from '../../../electron/core/engine/relay/relay-flow'

// A fast client and an upstream that stops reading: the relay must stop reading the client (TCP's window then
// holds the client back) instead of buffering, and lose nothing once the upstream reads again. The engine is
// watched through its own counters (no event log kept here: that would hold every chunk).

const TOTAL = 24 * 1024 * 1024

let engine: SessionManager | undefined
let server: NodeTcpServer | undefined
let unsubscribe: (() => void) | undefined
afterEach(async () => {
  unsubscribe?.()
  await engine?.disposeAll()
  await server?.close()
})

it('holds about a mebibyte for a reader that stopped, and delivers every byte in order once it reads', async () => {
  engine = new SessionManager()
  let largestQueued = 0
  let relayId = ''
  unsubscribe = engine.subscribe(() => {
    if (relayId !== '') largestQueued = Math.max(largestQueued, engine!.stats(relayId).queuedBytes)
  })
  server = await nodeTcpServer('127.0.0.1')
  const relay = await engine.open(
    openSessionRequestSchema.parse({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: server.port,
    }),
  )
  relayId = relay.id
  const client = await nodeTcpClient('127.0.0.1', relay.local!.port)
  const upstream = await server.nextPeer()
  upstream.socket.pause()
  const heapBefore = process.memoryUsage().heapUsed
  const writing = writePattern(client.socket, TOTAL)
  // The client stalls once the relay stopped reading it and the kernel buffers filled: bytesIn stops growing.
  await within(
    new Promise<void>((resolve) => {
      let last = -1
      let steady = 0
      const check = setInterval(() => {
        const { bytesIn, queuedBytes } = engine!.stats(relayId)
        largestQueued = Math.max(largestQueued, queuedBytes)
        steady = bytesIn > 0 && bytesIn === last ? steady + 1 : 0
        last = bytesIn
        if (steady >= 10) {
          clearInterval(check)
          resolve()
        }
      }, 20)
    }),
    'the client to be held back',
  )
  const heldBack = engine.stats(relayId)
  expect(heldBack.bytesIn).toBeLessThan(TOTAL / 2)
  // The relay holds its high-water mark for the stopped reader (it stopped reading because of it), no more.
  expect(heldBack.queuedBytes).toBeGreaterThan(0)
  expect(largestQueued).toBeLessThanOrEqual(RELAY_HIGH_WATER + 64 * 1024)
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore
  console.info(
    `relay backpressure: read ${heldBack.bytesIn} of ${TOTAL} bytes before stopping, ` +
      `largest queue ${largestQueued} bytes, heap growth ${(heapGrowth / 1024 / 1024).toFixed(1)} MiB`,
  )
  // Now the upstream reads: every byte arrives, in order.
  const collected = new ByteCollector()
  let mismatchAt = -1
  let offset = 0
  upstream.socket.removeAllListeners('data')
  upstream.socket.on('data', (chunk: Buffer) => {
    for (let index = 0; index < chunk.byteLength && mismatchAt < 0; index++) {
      if (chunk[index] !== patternByte(offset + index)) mismatchAt = offset + index
    }
    offset += chunk.byteLength
    collected.push(Buffer.alloc(0))
  })
  upstream.socket.resume()
  await writing
  await within(
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (offset >= TOTAL) resolve()
      }
      upstream.socket.on('data', check)
      check()
    }),
    'every byte at the upstream',
    60_000,
  )
  expect(mismatchAt).toBe(-1)
  expect(offset).toBe(TOTAL)
  expect(largestQueued).toBeLessThanOrEqual(RELAY_HIGH_WATER + 64 * 1024)
}, 90_000)
