import { once } from 'node:events'
import { connect } from 'node:net'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { nodeTcpClient, socatTcpClient, within, type ChildPeer, type NodeTcpPeer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EventLog, expectTcpPortFree, isClose, isEvent, sessionOptions, textBytes } from './engine-harness'

// Issue 8, faults: a server session stopped while clients are attached. Each client must see EOF, the events must
// say which socket closed and why, and nothing may be left holding the port.

const NODE_CLIENTS = 3

/** How a fresh connection attempt ends: 'connected', or Node's error code. */
async function connectOutcome(port: number): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port })
  const [result] = await within(
    Promise.race([once(socket, 'connect').then(() => ['connected']), once(socket, 'error')]),
    'a new client to connect or fail',
  )
  socket.destroy()
  return result === 'connected' ? 'connected' : String((result as NodeJS.ErrnoException).code)
}

needs('socat').describe('a server session stopped with clients attached', () => {
  let engine: SessionManager
  let log: EventLog
  let socat: ChildPeer | undefined
  let clients: NodeTcpPeer[]

  beforeEach(() => {
    engine = new SessionManager()
    log = new EventLog(engine)
    clients = []
  })

  afterEach(async () => {
    log.stop()
    for (const client of clients) client.socket.destroy()
    await socat?.stop()
    socat = undefined
    await engine.disposeAll()
  })

  for (const stopListeningFirst of [true, false]) {
    const how = stopListeningFirst ? 'stop listening, then close' : 'close while listening'
    it(`${how}: every client sees EOF and every connection closes with cause server-closed`, async () => {
      const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
      const port = server.local!.port
      for (let index = 0; index < NODE_CLIENTS; index += 1)
        clients.push(await nodeTcpClient('127.0.0.1', port))
      socat = await socatTcpClient('127.0.0.1', port)
      const attached = NODE_CLIENTS + 1
      await log.waitForCount(isEvent('accept', server.id), attached, 'every client to be accepted')
      expect(engine.get(server.id).connections).toHaveLength(attached)

      if (stopListeningFirst) {
        const stopped = await engine.stopListening(server.id)
        expect(stopped).toMatchObject({ state: 'connected', listening: false })
        expect(stopped.connections).toHaveLength(attached)
        expect(log.matching(isEvent('close', server.id))).toMatchObject([
          { scope: 'listener', cause: 'local' },
        ])
        expect(await connectOutcome(port)).toBe('ECONNREFUSED')
        // The accepted clients are still served.
        const hello = textBytes('still served\n')
        expect(await engine.send({ sessionId: server.id, data: hello })).toEqual({
          bytes: hello.byteLength * attached,
          targets: attached,
        })
        await Promise.all(clients.map((client) => client.received.waitForBytes(hello.byteLength)))
        await socat.stdout.waitForBytes(hello.byteLength)
      }

      const closed = await engine.close(server.id)

      await Promise.all(
        clients.map((client, index) => client.received.waitForEnd(`EOF at client ${index + 1}`)),
      )
      await socat.stdout.waitForEnd('EOF at socat')
      expect(closed).toMatchObject({ state: 'closed', listening: false, connections: [] })
      expect(closed.stats.openConnections).toBe(0)
      const closes = log.matching(isEvent('close', server.id))
      const connectionCloses = closes.filter((event) => event.scope === 'connection')
      expect(connectionCloses).toHaveLength(attached)
      for (const event of connectionCloses) expect(event.cause).toBe('server-closed')
      expect(new Set(connectionCloses.map((event) => event.connectionId)).size).toBe(attached)
      expect(closes.filter((event) => event.scope === 'listener')).toHaveLength(1)
      expect(closes[closes.length - 1]).toMatchObject({ scope: 'session', cause: 'local' })
      expect(log.of(server.id).at(-1)).toMatchObject({ type: 'state', state: 'closed' })
      await expectTcpPortFree('127.0.0.1', port)
    })
  }

  it('stop listening, then the last client resets: the session ends by itself and frees the port', async () => {
    const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = server.local!.port
    clients.push(await nodeTcpClient('127.0.0.1', port))
    await log.waitFor(isEvent('accept', server.id), 'the client to be accepted')
    await engine.stopListening(server.id)

    clients[0]!.socket.resetAndDestroy()
    const sessionClose = await log.waitFor(
      isClose(server.id, 'session'),
      'the session to end after its last connection',
    )
    expect(sessionClose.cause).toBe('local')
    expect(
      log.matching(isEvent('close', server.id)).find((event) => event.scope === 'connection')?.cause,
    ).toBe('reset')
    expect(engine.get(server.id)).toMatchObject({ state: 'closed', connections: [] })
    await expectTcpPortFree('127.0.0.1', port)
  })

  it('stop listening, then the last client sends FIN: it stays listed half-closed until we disconnect it', async () => {
    const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = server.local!.port
    const client = await nodeTcpClient('127.0.0.1', port, true)
    clients.push(client)
    const accept = await log.waitFor(isEvent('accept', server.id), 'the client to be accepted')
    await engine.stopListening(server.id)

    client.socket.end()
    await log.waitFor(isEvent('end', server.id), 'the client FIN to arrive')
    expect(engine.get(server.id).connections).toMatchObject([
      { id: accept.connectionId, state: 'half-closed' },
    ])

    await engine.disconnect({ sessionId: server.id, connectionId: accept.connectionId!, mode: 'graceful' })
    await client.received.waitForEnd('EOF at the client')
    await log.waitFor(isClose(server.id, 'session'), 'the session to end after its last connection')
    expect(engine.get(server.id)).toMatchObject({ state: 'closed', connections: [] })
    await expectTcpPortFree('127.0.0.1', port)
  })
})
