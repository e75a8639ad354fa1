import { connect } from 'node:net'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CodedError, tcpServerOptionsSchema, type TcpServerOptions } from '../../../electron/shared'
import {
  everyByte,
  nodeTcpClient,
  nodeTcpServer,
  socatTcpClient,
  within,
  type LoopbackHost,
  type NodeTcpPeer,
} from '../../helpers/peers'
import { EngineHarness } from './harness'
import { needs } from '../../helpers/system-tools'

const serverOptions = (input: Omit<Partial<TcpServerOptions>, 'kind'> = {}): TcpServerOptions =>
  tcpServerOptionsSchema.parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0, ...input })

let harness: EngineHarness
const clients: NodeTcpPeer[] = []

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.destroy()
  await harness.dispose()
})

async function listen(
  input: Omit<Partial<TcpServerOptions>, 'kind'> = {},
): Promise<{ id: string; port: number }> {
  const info = await harness.engine.open(serverOptions(input))
  return { id: info.id, port: info.local!.port }
}

/** Connects a plain node client and waits until the engine accepted it; returns it with its connection id. */
async function connectClient(
  id: string,
  port: number,
  host: LoopbackHost = '127.0.0.1',
  allowHalfOpen = false,
) {
  const client = await nodeTcpClient(host, port, allowHalfOpen)
  clients.push(client)
  const accept = await harness.waitFor(id, 'accept', (event) => event.remote.port === client.socket.localPort)
  return { client, connectionId: accept.connectionId! }
}

function refusedConnect(port: number): Promise<string | undefined> {
  const socket = connect({ host: '127.0.0.1', port })
  return within(
    new Promise((resolve) => {
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code))
      socket.once('connect', () => {
        socket.destroy()
        resolve(undefined)
      })
    }),
    'a connect to the stopped listener',
  )
}

describe('TCP server lifecycle', () => {
  it('socket → bind → listen with the real port when 0 was asked', async () => {
    const info = await harness.engine.open(serverOptions({ backlog: 64 }))
    expect(info).toMatchObject({ kind: 'tcp-server', state: 'listening', listening: true, connections: [] })
    expect(info.local?.port).toBeGreaterThan(0)
    expect(harness.typesOf(info.id)).toEqual(['socket', 'state', 'bind', 'listen', 'state'])
    expect(harness.ofType(info.id, 'listen')[0]).toMatchObject({ backlog: 64, local: info.local })
    expect(harness.ofType(info.id, 'bind')[0]!.local).toEqual({
      address: '127.0.0.1',
      port: info.local!.port,
      family: 'IPv4',
    })
  })

  it('resolves a bind name: lookup event, then bound to the address', async () => {
    const info = await harness.engine.open(serverOptions({ host: 'localhost' }))
    expect(harness.ofType(info.id, 'lookup')[0]).toMatchObject({ host: 'localhost', address: '127.0.0.1' })
    expect(info.local?.address).toBe('127.0.0.1')
  })

  it('EADDRINUSE names the port and address; the session stays listed in state error', async () => {
    const occupant = await nodeTcpServer('127.0.0.1')
    try {
      const failure = await harness.engine
        .open(serverOptions({ port: occupant.port }))
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(CodedError)
      expect(failure).toMatchObject({
        code: 'EADDRINUSE',
        message: `port ${occupant.port} on 127.0.0.1 is already in use`,
      })
      const sessionId = (failure as CodedError).sessionId!
      expect(harness.engine.get(sessionId)).toMatchObject({ state: 'error', error: { code: 'EADDRINUSE' } })
      expect(harness.typesOf(sessionId)).toEqual(['socket', 'state', 'error', 'close', 'state'])
    } finally {
      await occupant.close()
    }
  })

  it('accepts each connection as its own socket with its own id, and echoes nothing on its own', async () => {
    const { id, port } = await listen()
    const a = await connectClient(id, port)
    const b = await connectClient(id, port)
    expect(a.connectionId).not.toBe(b.connectionId)
    const info = harness.engine.get(id)
    expect(info.connections.map((connection) => connection.id).sort()).toEqual(
      [a.connectionId, b.connectionId].sort(),
    )
    expect(info.connections[0]).toMatchObject({ state: 'open', local: { port } })
    expect(info.stats.openConnections).toBe(2)

    a.client.socket.write(everyByte())
    expect([...(await harness.waitForReceived(id, 256, a.connectionId))]).toEqual([...everyByte()])
    const received = harness.ofType(id, 'received', a.connectionId)[0]!
    expect(received.remote).toMatchObject({ address: '127.0.0.1', port: a.client.socket.localPort })
    expect(harness.engine.connectionStats(id, a.connectionId)).toMatchObject({ bytesIn: 256, bytesOut: 0 })
    expect(harness.engine.connectionStats(id, b.connectionId)).toMatchObject({ bytesIn: 0 })
    expect(harness.engine.stats(id).bytesIn).toBe(256)
  })
})

describe('TCP server with 20 concurrent clients', () => {
  it('sends to one, to all, disconnects one, stops listening, then closes everything', async () => {
    const { id, port } = await listen()
    const peers = await Promise.all(Array.from({ length: 20 }, () => connectClient(id, port)))
    expect(harness.ofType(id, 'accept')).toHaveLength(20)
    expect(new Set(peers.map((peer) => peer.connectionId)).size).toBe(20)
    expect(harness.engine.get(id).connections).toHaveLength(20)

    // Send to one: only that client receives.
    const [first, second, third, ...rest] = peers
    await harness.engine.send({
      sessionId: id,
      connectionId: first!.connectionId,
      data: Buffer.from('just you'),
    })
    expect((await first!.client.received.waitForBytes(8)).toString()).toBe('just you')

    // Send to all.
    const receipt = await harness.engine.send({ sessionId: id, data: everyByte() })
    expect(receipt).toEqual({ bytes: 20 * 256, targets: 20 })
    for (const peer of [second!, third!, ...rest]) {
      expect([...(await peer.client.received.waitForBytes(256))]).toEqual([...everyByte()])
    }
    expect(
      (await first!.client.received.waitForBytes(8 + 256)).subarray(8).equals(Buffer.from(everyByte())),
    ).toBe(true)
    expect(second!.client.received.byteLength).toBe(256)

    // Disconnect one gracefully: it sees EOF, the others stay.
    await harness.engine.disconnect({ sessionId: id, connectionId: first!.connectionId, mode: 'graceful' })
    await first!.client.received.waitForEnd('EOF at the disconnected client')
    expect(harness.ofType(id, 'close', first!.connectionId)[0]).toMatchObject({
      scope: 'connection',
      cause: 'local',
    })
    // Disconnect another with RST.
    const resetSeen = new Promise<NodeJS.ErrnoException>((resolve) =>
      second!.client.socket.once('error', resolve),
    )
    await harness.engine.disconnect({ sessionId: id, connectionId: second!.connectionId, mode: 'reset' })
    expect((await within(resetSeen, 'RST at the client')).code).toBe('ECONNRESET')
    expect(harness.ofType(id, 'close', second!.connectionId)[0]).toMatchObject({ cause: 'aborted' })
    expect(harness.engine.get(id).connections).toHaveLength(18)
    const toAll = await harness.engine.send({ sessionId: id, connectionId: 'all', data: Buffer.from('!') })
    expect(toAll.targets).toBe(18)
    await third!.client.received.waitForBytes(257)
    await expect(
      harness.engine.send({ sessionId: id, connectionId: first!.connectionId, data: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'ERR_NO_CONNECTION' })
    expect(harness.engine.connectionStats(id, first!.connectionId)).toMatchObject({ bytesOut: 8 + 256 })

    // Stop listening: the listener closes, the clients stay, new connects are refused.
    const stopped = await harness.engine.stopListening(id)
    expect(stopped).toMatchObject({ listening: false, state: 'connected' })
    expect(harness.ofType(id, 'close').filter((event) => event.scope === 'listener')).toHaveLength(1)
    expect(await refusedConnect(port)).toBe('ECONNREFUSED')
    await harness.engine.send({ sessionId: id, data: Buffer.from('?') })
    await third!.client.received.waitForBytes(258)
    await expect(harness.engine.stopListening(id)).rejects.toMatchObject({ code: 'ERR_SESSION_STATE' })

    // Close everything: every remaining client sees EOF; their close cause is server-closed.
    const closed = await harness.engine.close(id)
    expect(closed).toMatchObject({ state: 'closed', connections: [] })
    for (const peer of [third!, ...rest]) {
      await peer.client.received.waitForEnd('EOF at a client')
      expect(harness.ofType(id, 'close', peer.connectionId)[0]).toMatchObject({ cause: 'server-closed' })
    }
    const sessionCloses = harness.ofType(id, 'close').filter((event) => event.scope === 'session')
    expect(sessionCloses).toEqual([expect.objectContaining({ cause: 'local' })])
    expect(harness.engine.stats(id)).toMatchObject({ openConnections: 0, bytesOut: 8 + 20 * 256 + 18 + 18 })
  })
})

describe('TCP server connections', () => {
  it('half-closes one connection: the client sees EOF and can still send to us', async () => {
    const { id, port } = await listen()
    const { client, connectionId } = await connectClient(id, port, '127.0.0.1', true)
    await harness.engine.halfClose({ sessionId: id, connectionId })
    await client.received.waitForEnd('FIN at the client')
    expect(harness.ofType(id, 'half-close', connectionId)).toHaveLength(1)
    client.socket.write('after your FIN')
    expect((await harness.waitForReceived(id, 14, connectionId)).toString()).toBe('after your FIN')
    client.socket.end()
    const close = await harness.waitFor(id, 'close', (event) => event.connectionId === connectionId)
    expect(close).toMatchObject({ scope: 'connection', cause: 'peer' })
    // The listener and the session are unaffected by one connection ending.
    expect(harness.engine.get(id)).toMatchObject({ state: 'listening', listening: true })
  })

  it("with halfOpen, marks a connection half-closed on the client's FIN and still sends to it", async () => {
    const { id, port } = await listen({ halfOpen: true })
    const { client, connectionId } = await connectClient(id, port, '127.0.0.1', true)
    client.socket.end()
    await harness.waitFor(id, 'end', (event) => event.connectionId === connectionId)
    expect(harness.engine.get(id).connections[0]).toMatchObject({ id: connectionId, state: 'half-closed' })
    await harness.engine.send({ sessionId: id, connectionId, data: Buffer.from('late reply') })
    expect((await client.received.waitForBytes(10)).toString()).toBe('late reply')
  })

  it('refuses connections beyond maxConnections with an ERR_LIMIT event', async () => {
    const { id, port } = await listen({ maxConnections: 2 })
    await connectClient(id, port)
    await connectClient(id, port)
    const third = await nodeTcpClient('127.0.0.1', port)
    clients.push(third)
    await within(third.closed, 'the refused client to be closed')
    const error = await harness.waitFor(id, 'error')
    expect(error.error.code).toBe('ERR_LIMIT')
    expect(error.error.message).toContain('maximum of 2 connections')
    expect(harness.ofType(id, 'accept')).toHaveLength(2)
  })

  it("by default answers a client's FIN with ours, so departed clients do not pile up", async () => {
    const { id, port } = await listen()
    const { client, connectionId } = await connectClient(id, port, '127.0.0.1', true)
    client.socket.end()
    await within(client.closed, 'the client to see our FIN and close')
    const close = await harness.waitFor(id, 'close', (event) => event.connectionId === connectionId)
    expect(close).toMatchObject({ scope: 'connection', cause: 'peer' })
    expect(harness.engine.get(id).connections).toEqual([])
    expect(harness.engine.get(id).state).toBe('listening')
  })

  it('ends the session when the listener is stopped and the last connection is closed', async () => {
    const { id, port } = await listen({ halfOpen: true })
    const { client, connectionId } = await connectClient(id, port)
    await harness.engine.stopListening(id)
    expect(harness.engine.get(id).state).toBe('connected')
    // The client's FIN only half-closes the connection; it ends when we close our side too.
    client.socket.end()
    await harness.waitFor(id, 'end', (event) => event.connectionId === connectionId)
    expect(harness.engine.get(id).state).toBe('connected')
    await harness.engine.disconnect({ sessionId: id, connectionId, mode: 'graceful' })
    await harness.waitFor(id, 'close', (event) => event.scope === 'session')
    expect(harness.engine.get(id).state).toBe('closed')
    expect(harness.ofType(id, 'close', connectionId)[0]).toMatchObject({ cause: 'local' })
  })

  it('refuses sends with nowhere to go', async () => {
    const { id } = await listen()
    // No internal id in the sentence: the user sees it as is.
    await expect(harness.engine.send({ sessionId: id, data: Buffer.from('x') })).rejects.toMatchObject({
      code: 'ERR_NO_CLIENTS',
      message: 'no client is connected; nothing was sent',
    })
    await expect(
      harness.engine.send({ sessionId: id, connectionId: 'c99', data: Buffer.from('x') }),
    ).rejects.toMatchObject({
      code: 'ERR_NO_CONNECTION',
      message: `session ${id} has no open connection c99`,
    })
    await expect(
      harness.engine.send({ sessionId: id, data: Buffer.from('x'), remoteHost: '127.0.0.1', remotePort: 9 }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_SUPPORTED' })
    expect(() => harness.engine.membership({ sessionId: id, action: 'join', group: '239.1.2.3' })).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_SUPPORTED' }),
    )
  })
})

needs('socat').describe('TCP server against outside programs and IPv6', () => {
  for (const host of ['127.0.0.1', '::1'] as const) {
    it(`exchanges all 256 byte values with a socat client over ${host}`, async () => {
      const { id, port } = await listen({ host })
      const socat = await socatTcpClient(host, port)
      try {
        const accept = await harness.waitFor(id, 'accept')
        expect(accept.remote.family).toBe(host === '::1' ? 'IPv6' : 'IPv4')
        socat.write(everyByte())
        expect([...(await harness.waitForReceived(id, 256, accept.connectionId))]).toEqual([...everyByte()])
        await harness.engine.send({ sessionId: id, connectionId: accept.connectionId, data: everyByte() })
        expect([...(await socat.stdout.waitForBytes(256))]).toEqual([...everyByte()])
        // socat ends the connection when its stdin ends: our side sees 'end'.
        socat.endInput()
        await harness.waitFor(id, 'end', (event) => event.connectionId === accept.connectionId)
      } finally {
        await socat.stop()
      }
    })
  }

  it('ipv6Only on :: accepts IPv6 clients and refuses IPv4 ones', async () => {
    const { id, port } = await listen({ host: '::', ipv6Only: true })
    await connectClient(id, port, '::1')
    const socket = connect({ host: '127.0.0.1', port })
    const [error] = (await within(once(socket, 'error'), 'IPv4 connect to refuse')) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNREFUSED')
  })
})
