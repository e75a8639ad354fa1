import { once } from 'node:events'
import { connect } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { ByteCollector, within } from '../../helpers/peers'
import {
  affordableConnections,
  EventLog,
  expectTcpPortFree,
  isEvent,
  sessionOptions,
  socketHandleCounts,
} from './engine-harness'

// Issue 8, load: 1,000 concurrent TCP clients on one server session. All are accepted and listed, a send to
// all reaches each byte-exact, and closing the session releases every socket and the port.

const WANTED_CLIENTS = 1_000
/** Connects in batches: a 2-core machine and the accept backlog both prefer a steady stream to a burst. */
const BATCH = 100

interface Client {
  localPort: number
  received: ByteCollector
  closed: Promise<void>
  destroy(): void
}

async function connectClient(port: number): Promise<Client> {
  const socket = connect({ host: '127.0.0.1', port })
  const received = new ByteCollector()
  socket.on('data', (chunk: Buffer) => received.push(chunk))
  socket.on('end', () => received.end())
  socket.on('error', () => undefined)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await within(once(socket, 'connect'), 'a client to connect')
  return { localPort: socket.localPort!, received, closed, destroy: () => socket.destroy() }
}

describe('one server session under 1,000 concurrent clients', () => {
  const engine = new SessionManager()
  const log = new EventLog(engine)
  const clients: Client[] = []

  afterAll(async () => {
    log.stop()
    for (const client of clients) client.destroy()
    await engine.disposeAll()
  })

  it('accepts and lists every client, reaches each with send-to-all, and releases everything on close', async () => {
    const total = affordableConnections(WANTED_CLIENTS)
    const handlesBefore = await socketHandleCounts()
    const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = server.local!.port

    for (let started = 0; started < total; started += BATCH) {
      const count = Math.min(BATCH, total - started)
      clients.push(...(await Promise.all(Array.from({ length: count }, () => connectClient(port)))))
      // The list answers while clients keep arriving; it never lists more than have connected.
      expect(engine.get(server.id).connections.length).toBeLessThanOrEqual(clients.length)
    }
    await log.waitForCount(isEvent('accept', server.id), total, `all ${total} accepts`, 30_000)

    const info = engine.get(server.id)
    expect(info.state).toBe('listening')
    expect(info.stats.openConnections).toBe(total)
    expect(info.connections).toHaveLength(total)
    expect(new Set(info.connections.map((connection) => connection.id)).size).toBe(total)
    expect(new Set(info.connections.map((connection) => connection.remote.port))).toEqual(
      new Set(clients.map((client) => client.localPort)),
    )
    expect(info.connections.every((connection) => connection.state === 'open')).toBe(true)

    const payload = Uint8Array.from({ length: 4096 }, (_value, index) => (index * 7 + 3) % 256)
    const receipt = await engine.send({ sessionId: server.id, data: payload })
    expect(receipt).toEqual({ bytes: payload.byteLength * total, targets: total })
    await within(
      Promise.all(
        clients.map((client) => client.received.waitForBytes(payload.byteLength, 'the payload', 30_000)),
      ),
      'every client to receive the payload',
      30_000,
    )
    expect(engine.stats(server.id)).toMatchObject({
      bytesOut: payload.byteLength * total,
      messagesOut: total,
    })

    const closed = await engine.close(server.id)
    expect(closed).toMatchObject({ state: 'closed', listening: false, connections: [] })
    expect(closed.stats.openConnections).toBe(0)
    await within(
      Promise.all(clients.map((client) => client.received.waitForEnd('EOF', 30_000))),
      'every client to see EOF',
      30_000,
    )
    // Byte-exact: each got the payload once, nothing more, before its EOF.
    const wrong = clients.filter((client) => !client.received.bytes.equals(payload)).length
    expect(wrong).toBe(0)
    const connectionCloses = log
      .matching(isEvent('close', server.id))
      .filter((event) => event.scope === 'connection')
    expect(connectionCloses).toHaveLength(total)
    expect(connectionCloses.every((event) => event.cause === 'server-closed')).toBe(true)
    await within(Promise.all(clients.map((client) => client.closed)), 'every client socket to close', 30_000)
    expect(await socketHandleCounts()).toEqual(handlesBefore)
    await expectTcpPortFree('127.0.0.1', port)
  }, 120_000)
})
