import { once } from 'node:events'
import { Socket, type SocketConstructorOpts } from 'node:net'
import type { DuplexOptions } from 'node:stream'
import { afterEach, expect, it } from 'vitest'
import { RELAY_SOCKET_HIGH_WATER } from '../../../electron/core/engine/relay/relay-flow'
import { FULL_READ_BYTES, WriteBatch } from '../../../electron/core/engine/relay/write-batch'
import { nodeTcpServer, within, type NodeTcpServer } from '../../helpers/peers'
import { pattern } from './relay-kit'

// A relay's full reads of one turn wait corked and leave together once the turn's reads are over; a short read
// (the turn's last) lets them go at once, and a lone small message is never held; a FIN asked for in between
// still follows the data. Checked on a real socket to a plain Node peer.

const FULL_READS = 8

let server: NodeTcpServer | undefined
let socket: Socket | undefined
afterEach(async () => {
  socket?.destroy()
  await server?.close()
})

async function connected(): Promise<Socket> {
  server = await nodeTcpServer('127.0.0.1')
  const options: SocketConstructorOpts & DuplexOptions = { writableHighWaterMark: RELAY_SOCKET_HIGH_WATER }
  socket = new Socket(options)
  socket.connect(server.port, '127.0.0.1')
  await within(once(socket, 'connect'), 'the socket to connect')
  return socket
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Writes `length` pattern bytes from `offset` through the batch; answers whether the socket took them. */
function write(batch: WriteBatch, target: Socket, length: number, offset = 0): boolean {
  let accepted = false
  batch.write(length, () => (accepted = target.write(pattern(length, offset))))
  return accepted
}

it('holds a turn of full reads corked, then sends them all, in order', async () => {
  const target = await connected()
  const batch = new WriteBatch(target)
  const accepted: boolean[] = []
  for (let index = 0; index < FULL_READS; index++) {
    accepted.push(write(batch, target, FULL_READ_BYTES, index * FULL_READ_BYTES))
  }
  // Nothing left yet: the socket is corked and, with the relay's high-water mark, never said "full".
  expect(target.writableCorked).toBe(1)
  expect(target.writableLength).toBe(FULL_READS * FULL_READ_BYTES)
  expect(accepted.every(Boolean)).toBe(true)
  await nextTurn()
  expect(target.writableCorked).toBe(0)
  const peer = await server!.nextPeer()
  const received = await peer.received.waitForBytes(FULL_READS * FULL_READ_BYTES)
  expect(received.equals(pattern(FULL_READS * FULL_READ_BYTES))).toBe(true)
})

it('lets the batch go at once after a short read, and never holds a lone small message', async () => {
  const target = await connected()
  const batch = new WriteBatch(target)
  write(batch, target, FULL_READ_BYTES)
  write(batch, target, FULL_READ_BYTES, FULL_READ_BYTES)
  expect(target.writableCorked).toBe(1)
  write(batch, target, 100, 2 * FULL_READ_BYTES)
  expect(target.writableCorked).toBe(0)
  write(batch, target, 32, 2 * FULL_READ_BYTES + 100)
  expect(target.writableCorked).toBe(0)
  const total = 2 * FULL_READ_BYTES + 132
  const peer = await server!.nextPeer()
  const received = await peer.received.waitForBytes(total)
  expect(received.equals(pattern(total))).toBe(true)
  // The batch's own uncork after the turn finds nothing corked and changes nothing.
  await nextTurn()
  expect(target.writableCorked).toBe(0)
})

it('sends the data before the FIN when the socket is ended within the turn', async () => {
  const target = await connected()
  const batch = new WriteBatch(target)
  write(batch, target, FULL_READ_BYTES)
  target.end()
  const peer = await server!.nextPeer()
  const received = await peer.received.waitForEnd('the FIN after the data')
  expect(received.equals(pattern(FULL_READ_BYTES))).toBe(true)
  await nextTurn()
  expect(target.writableCorked).toBe(0)
})
