import { once } from 'node:events'
import { Socket, type SocketConstructorOpts } from 'node:net'
import type { DuplexOptions } from 'node:stream'
import { afterEach, expect, it } from 'vitest'
import { RELAY_SOCKET_HIGH_WATER } from '../../../electron/core/engine/relay/relay-flow'
import { WriteBatch } from '../../../electron/core/engine/relay/write-batch'
import { nodeTcpServer, within, type NodeTcpServer } from '../../helpers/peers'
import { pattern } from './relay-kit'

// A relay's writes of one turn wait corked and leave together once the turn is over; a FIN asked for in
// between still follows the data. Checked on a real socket to a plain Node peer.

const CHUNK = 64 * 1024
const CHUNKS = 8

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

it('holds a turn of writes corked, then sends them all, in order', async () => {
  const target = await connected()
  const batch = new WriteBatch(target)
  const accepted: boolean[] = []
  for (let index = 0; index < CHUNKS; index++) {
    batch.add()
    accepted.push(target.write(pattern(CHUNK, index * CHUNK)))
  }
  // Nothing left yet: the socket is corked and, with the relay's high-water mark, never said "full".
  expect(target.writableCorked).toBe(1)
  expect(target.writableLength).toBe(CHUNKS * CHUNK)
  expect(accepted.every(Boolean)).toBe(true)
  await nextTurn()
  expect(target.writableCorked).toBe(0)
  const peer = await server!.nextPeer()
  const received = await peer.received.waitForBytes(CHUNKS * CHUNK)
  expect(received.equals(pattern(CHUNKS * CHUNK))).toBe(true)
})

it('sends the data before the FIN when the socket is ended within the turn', async () => {
  const target = await connected()
  const batch = new WriteBatch(target)
  batch.add()
  target.write(pattern(CHUNK))
  target.end()
  const peer = await server!.nextPeer()
  const received = await peer.received.waitForEnd('the FIN after the data')
  expect(received.equals(pattern(CHUNK))).toBe(true)
  // The batch's own uncork after the turn finds nothing corked and changes nothing.
  await nextTurn()
  expect(target.writableCorked).toBe(0)
})
