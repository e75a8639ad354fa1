import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { within } from '../../helpers/peers'
import { EngineHarness, type EventOf } from './harness'

// A flood at a tiny receive buffer: the kernel drops datagrams, and the session says how many, as Linux counts
// them. The sender is a plain node process, so our engine's event loop is not the one sending.

const FLOOD = `
const dgram = require('node:dgram')
const [port, count, size] = process.argv.slice(1).map(Number)
const socket = dgram.createSocket('udp4')
const datagram = Buffer.alloc(size)
let sent = 0
let inFlight = 0
const pump = () => {
  while (sent < count && inFlight < 512) {
    sent++
    inFlight++
    socket.send(datagram, port, '127.0.0.1', () => {
      inFlight--
      if (sent === count && inFlight === 0) socket.close(() => console.log(sent))
      else if (inFlight === 0) pump()
    })
  }
}
pump()
`

/** Sends `count` datagrams of `size` bytes as fast as it can; resolves with what it sent once it has. */
async function nodeFlood(port: number, count: number, size: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', FLOOD, String(port), String(count), String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const [code] = (await within(once(child, 'exit'), 'the node flood to finish', 30_000)) as [number | null]
  expect(code).toBe(0)
  return Number(output.trim())
}

/** The kernel's own figure for the socket on `port`: the last column of its /proc/net/udp row. */
function procDrops(port: number): number {
  const row = readFileSync('/proc/net/udp', 'latin1')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((columns) => parseInt(columns[1]?.split(':')[1] ?? '', 16) === port)
  if (row === undefined) throw new Error(`no /proc/net/udp row for port ${port}`)
  return Number(row.at(-1))
}

let harness: EngineHarness

beforeEach(() => {
  harness = new EngineHarness()
})
afterEach(() => harness.dispose())

const onLinux = process.platform === 'linux'
if (!onLinux) console.warn(`Skipping the kernel drop tests: only Linux says (this is ${process.platform})`)

describe.skipIf(!onLinux)('UDP receive buffer drops (Linux /proc/net/udp)', () => {
  it('a flood at a tiny buffer: drops > 0 as the kernel counts them, and received + dropped = sent', async () => {
    const { id, port } = await harness.openRequest({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      recvBufferSize: 4_096,
    })
    expect(harness.engine.stats(id).receiveBuffer).toMatchObject({ drops: 0 })
    const sent = await nodeFlood(port, 20_000, 1_000)
    expect(sent).toBe(20_000)
    // Once a second the session reads the kernel's count; wait until every datagram is accounted for.
    const accounted = (): boolean => {
      const { messagesIn, receiveBuffer } = harness.engine.stats(id)
      return messagesIn + (receiveBuffer?.drops ?? 0) >= sent
    }
    await harness.waitFor(id, 'receive-drops', accounted, 10_000)
    const stats = harness.engine.stats(id)
    const drops = stats.receiveBuffer!.drops!
    expect(drops).toBeGreaterThan(0)
    expect(drops).toBe(procDrops(port))
    expect(stats.messagesIn + drops).toBe(sent)
    // The events add up to the total, and each says how many more since the one before.
    const events: Array<EventOf<'receive-drops'>> = harness.ofType(id, 'receive-drops')
    expect(events.reduce((sum, event) => sum + event.count, 0)).toBe(drops)
    expect(events.at(-1)!.total).toBe(drops)
    // Kept once closed.
    await harness.engine.close(id)
    expect(harness.engine.get(id).stats.receiveBuffer?.drops).toBe(drops)
  })

  it('a buffer with room drops nothing, and says 0 rather than nothing', async () => {
    const { id, port } = await harness.openRequest({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      recvBufferSize: 4 * 1024 * 1024,
    })
    const sent = await nodeFlood(port, 500, 100)
    await harness.waitFor(id, 'received', () => harness.engine.stats(id).messagesIn >= sent)
    expect(harness.engine.stats(id).receiveBuffer?.drops).toBe(0)
    expect(procDrops(port)).toBe(0)
    expect(harness.ofType(id, 'receive-drops')).toEqual([])
  })
})
