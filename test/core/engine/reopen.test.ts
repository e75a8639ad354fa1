import { createServer } from 'node:net'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OwnErrorCode } from '../../../electron/shared'
import { nodeTcpClient, nodeTcpServer, nodeUdpPeer, type NodeTcpServer } from '../../helpers/peers'
import { EngineHarness } from './harness'

// Opening a closed session again in place (Reconnect / Listen again / Bind again) and a stopped server's
// "resume accepting", against plain node peers on loopback.

let harness: EngineHarness
let servers: NodeTcpServer[]

beforeEach(() => {
  harness = new EngineHarness()
  servers = []
})

afterEach(async () => {
  await harness.dispose()
  await Promise.all(servers.map((server) => server.close()))
})

async function peerServer(): Promise<NodeTcpServer> {
  const server = await nodeTcpServer('127.0.0.1')
  servers.push(server)
  return server
}

const seqs = (sessionId: string): number[] => harness.of(sessionId).map((event) => event.seq)

describe('reopen a TCP client (Reconnect)', () => {
  it('connects again with the same id; sequence numbers and counters go on', async () => {
    const server = await peerServer()
    const { id } = await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port: server.port })
    const first = await server.nextPeer()
    await harness.engine.send({ sessionId: id, data: new Uint8Array([1, 2, 3]) })
    await first.received.waitForBytes(3)
    first.socket.end()
    await harness.waitFor(id, 'close', (event) => event.scope === 'session')
    expect(harness.engine.get(id).state).toBe('closed')
    const lastSeq = seqs(id).at(-1)!

    const reopened = await harness.engine.reopen(id)
    expect(reopened).toMatchObject({ id, state: 'connected' })
    const second = await server.nextPeer()
    await harness.engine.send({ sessionId: id, data: new Uint8Array([4, 5]) })
    expect([...(await second.received.waitForBytes(2))]).toEqual([4, 5])

    const after = seqs(id).filter((seq) => seq > lastSeq)
    expect(after[0]).toBe(lastSeq + 1)
    expect(seqs(id)).toEqual([...seqs(id)].sort((a, b) => a - b))
    expect(harness.engine.get(id).stats).toMatchObject({ bytesOut: 5, messagesOut: 2 })
    expect(harness.engine.list().map((session) => session.id)).toEqual([id])
  })

  it('is refused while the session is open, and for a session that does not exist', async () => {
    const server = await peerServer()
    const { id } = await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port: server.port })
    await expect(harness.engine.reopen(id)).rejects.toMatchObject({ code: OwnErrorCode.wrongState })
    await expect(harness.engine.reopen('s99')).rejects.toMatchObject({ code: OwnErrorCode.unknownSession })
    expect(harness.engine.get(id).state).toBe('connected')
  })

  it('a failed reconnect leaves the session in error with its code; a later one succeeds', async () => {
    const server = await peerServer()
    const port = server.port
    const { id } = await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port })
    await server.close()
    await harness.waitFor(id, 'close', (event) => event.scope === 'session')

    await expect(harness.engine.reopen(id)).rejects.toMatchObject({ code: 'ECONNREFUSED', sessionId: id })
    expect(harness.engine.get(id)).toMatchObject({ state: 'error', error: { code: 'ECONNREFUSED' } })

    server.server.listen(port, '127.0.0.1')
    await once(server.server, 'listening')
    const reopened = await harness.engine.reopen(id)
    expect(reopened.state).toBe('connected')
    expect(reopened.error).toBeUndefined()
  })

  it('two reopen requests at once open one socket: the second is refused', async () => {
    const server = await peerServer()
    const { id } = await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port: server.port })
    await harness.engine.close(id)
    const [first, second] = await Promise.allSettled([harness.engine.reopen(id), harness.engine.reopen(id)])
    expect(first.status).toBe('fulfilled')
    expect(second).toMatchObject({ status: 'rejected', reason: { code: OwnErrorCode.wrongState } })
    expect(harness.engine.get(id).stats.openConnections).toBe(1)
  })
})

describe('reopen a TCP server (Listen again) and a UDP socket (Bind again)', () => {
  it('listens again on the port the system picked the first time', async () => {
    const { id, port } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    await harness.engine.close(id)
    await expect(nodeTcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    const reopened = await harness.engine.reopen(id)
    expect(reopened).toMatchObject({ state: 'listening', local: { port } })
    const client = harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitFor(id, 'accept', (event) => event.remote.port === client.socket.localPort)
  })

  it('binds a UDP socket again on its port and hears a datagram there', async () => {
    const { id, port } = await harness.openRequest({ kind: 'udp', host: '127.0.0.1' })
    await harness.engine.close(id)
    expect((await harness.engine.reopen(id)).local?.port).toBe(port)
    const peer = await nodeUdpPeer('127.0.0.1')
    try {
      peer.socket.send(new Uint8Array([9]), port, '127.0.0.1')
      expect([...(await harness.waitForReceived(id, 1))]).toEqual([9])
    } finally {
      await peer.close()
    }
  })
})

describe('resume accepting (a TCP server after stop-listening)', () => {
  it('listens again on the same port and keeps the clients it had', async () => {
    const { id, port } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const kept = harness.track(await nodeTcpClient('127.0.0.1', port))
    const accepted = await harness.waitFor(id, 'accept')
    await harness.engine.stopListening(id)
    await expect(nodeTcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    const resumed = await harness.engine.resumeListening(id)
    expect(resumed).toMatchObject({ state: 'listening', listening: true, local: { port } })
    const next = harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitFor(id, 'accept', (event) => event.remote.port === next.socket.localPort)

    // The client accepted before the stop still talks to the session.
    await harness.engine.send({
      sessionId: id,
      connectionId: accepted.connectionId!,
      data: new Uint8Array([7]),
    })
    expect([...(await kept.received.waitForBytes(1))]).toEqual([7])
    expect(harness.engine.get(id).stats.openConnections).toBe(2)

    // Closing the session still closes everything: the old listener and the new one.
    await harness.engine.close(id)
    await kept.received.waitForEnd()
    await next.received.waitForEnd()
    expect(harness.engine.get(id).state).toBe('closed')
  })

  it('stopped and resumed again and again: a client connecting the moment each resume answers is accepted', async () => {
    const { id, port } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitFor(id, 'accept')
    // Many rounds: a resume that answered before its listener accepts, or an old listener's close undoing the new
    // one's listen, would be refused here now and then.
    for (let round = 1; round <= 25; round += 1) {
      await harness.engine.stopListening(id)
      await expect(nodeTcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
      expect(await harness.engine.resumeListening(id)).toMatchObject({ state: 'listening', listening: true })
      const next = harness.track(await nodeTcpClient('127.0.0.1', port))
      await harness.waitFor(id, 'accept', (event) => event.remote.port === next.socket.localPort)
    }
    expect(harness.engine.get(id).stats.openConnections).toBe(26)
  })

  it('is refused while listening, and on a closed server (which opens again instead)', async () => {
    const { id } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    await expect(harness.engine.resumeListening(id)).rejects.toMatchObject({ code: OwnErrorCode.wrongState })
    await harness.engine.close(id)
    await expect(harness.engine.resumeListening(id)).rejects.toMatchObject({ code: OwnErrorCode.wrongState })
  })

  it('a port taken meanwhile is refused with EADDRINUSE; the clients stay connected', async () => {
    const { id, port } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const kept = harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitFor(id, 'accept')
    await harness.engine.stopListening(id)
    const squatter = await peerServerOn(port)

    await expect(harness.engine.resumeListening(id)).rejects.toMatchObject({ code: 'EADDRINUSE' })
    expect(harness.engine.get(id)).toMatchObject({ state: 'connected', listening: false })
    expect(kept.socket.destroyed).toBe(false)
    await new Promise((resolve) => squatter.close(resolve))
  })

  it('a close while it resumes waits for the new listener and closes it too: nothing listens afterwards', async () => {
    const { id, port } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitFor(id, 'accept')
    await harness.engine.stopListening(id)

    const [resumed, closed] = await Promise.allSettled([
      harness.engine.resumeListening(id),
      harness.engine.close(id),
    ])
    expect(resumed.status).toBe('fulfilled')
    expect(closed).toMatchObject({ status: 'fulfilled', value: { state: 'closed' } })
    await expect(nodeTcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('UDP cannot resume listening', async () => {
    const { id } = await harness.openRequest({ kind: 'udp', host: '127.0.0.1' })
    await expect(harness.engine.resumeListening(id)).rejects.toMatchObject({
      code: OwnErrorCode.notSupported,
    })
  })
})

async function peerServerOn(port: number) {
  const server = createServer()
  server.listen(port, '127.0.0.1')
  await once(server, 'listening')
  return server
}
