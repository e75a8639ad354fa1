import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import {
  freeTcpPort,
  nodeTcpClient,
  nodeTcpServer,
  nodeUdpPeer,
  within,
  type NodeTcpPeer,
  type NodeTcpServer,
  type NodeUdpPeer,
} from '../../helpers/peers'
import { EventLog, failureOf, fingerprint, isEvent, sessionOptions, textBytes } from './engine-harness'

// Issue 8, faults: a refused connect, a name that does not resolve, a send on a closed or unknown session. Each
// ends in a clear state with a coded error in one plain sentence, and the sessions around it carry on untouched.

const UNRESOLVABLE = 'no-such-host.invalid' // RFC 6761: .invalid never resolves

/** One sentence for a person: no stack, no resolver internals, no line breaks. */
function expectPlainSentence(message: string): void {
  expect(message).toMatch(/^[^\n]+$/)
  expect(message).not.toMatch(/getaddrinfo|\bat \S+:\d+|Error:/)
}

describe('coded failures leave other sessions untouched', () => {
  const engine = new SessionManager()
  const log = new EventLog(engine)
  // Bystanders: a server with one client attached, a bound UDP socket with a peer.
  let bystanderServerId: string
  let bystanderClient: NodeTcpPeer
  let bystanderUdpId: string
  let udpPeer: NodeUdpPeer
  let before: string
  const started: Array<{ close(): Promise<void> }> = []

  beforeAll(async () => {
    const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    bystanderServerId = server.id
    bystanderClient = await nodeTcpClient('127.0.0.1', server.local!.port)
    await log.waitFor(isEvent('accept', server.id), 'the bystander client to be accepted')
    udpPeer = await nodeUdpPeer('127.0.0.1')
    const udp = await engine.open(
      sessionOptions({ kind: 'udp', host: '127.0.0.1', remoteHost: '127.0.0.1', remotePort: udpPeer.port }),
    )
    bystanderUdpId = udp.id
  })

  afterAll(async () => {
    log.stop()
    bystanderClient.socket.destroy()
    await engine.disposeAll()
    await udpPeer.close()
  })

  const sessionsOtherThan = (ids: string[]) => engine.list().filter((session) => !ids.includes(session.id))

  /** Snapshot of every session the test does not act on; checked, and exercised, after it. */
  const rememberBystanders = (): void => {
    before = fingerprint(sessionsOtherThan([]))
  }

  afterEach(async () => {
    for (const peer of started.splice(0)) await peer.close()
  })

  async function expectBystandersUntouched(createdByTest: string[]): Promise<void> {
    expect(fingerprint(sessionsOtherThan(createdByTest))).toBe(before)
    const tcpBytes = textBytes('bystander tcp')
    const received = bystanderClient.received.byteLength
    await engine.send({ sessionId: bystanderServerId, data: tcpBytes })
    const all = await bystanderClient.received.waitForBytes(received + tcpBytes.byteLength)
    expect(all.subarray(received).toString()).toBe('bystander tcp')
    await engine.send({ sessionId: bystanderUdpId, data: textBytes('bystander udp') })
    expect((await udpPeer.nextMessage()).data.toString()).toBe('bystander udp')
  }

  it('a connect to a closed port fails with ECONNREFUSED (state error); once the port opens a new open succeeds', async () => {
    rememberBystanders()
    const port = await freeTcpPort('127.0.0.1')
    const refused = await failureOf(() =>
      engine.open(sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port })),
    )
    expect(refused.code).toBe('ECONNREFUSED')
    expect(refused.message).toContain(`127.0.0.1:${port}`)
    expectPlainSentence(refused.message)
    const failedId = refused.sessionId!
    expect(engine.get(failedId)).toMatchObject({ state: 'error', error: { code: 'ECONNREFUSED' } })
    expect(log.of(failedId).at(-1)).toMatchObject({ type: 'state', state: 'error' })

    const server = createServer()
    const accepted = new Set<Socket>()
    server.on('connection', (socket) => accepted.add(socket))
    started.push({
      close: () => {
        for (const socket of accepted) socket.destroy()
        return new Promise<void>((resolve) => server.close(() => resolve()))
      },
    })
    server.listen({ host: '127.0.0.1', port, exclusive: true })
    await within(once(server, 'listening'), 'the peer to listen on the freed port')
    const firstAccept = once(server, 'connection')
    const retried = await engine.open(sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port }))
    await within(firstAccept, 'the peer to accept the retried client')
    expect(retried.id).not.toBe(failedId)
    expect(retried).toMatchObject({ state: 'connected', remote: { address: '127.0.0.1', port } })
    expect(engine.get(failedId).state).toBe('error')
    await engine.remove(retried.id)
    await engine.remove(failedId)
    await expectBystandersUntouched([])
  })

  it('a host under .invalid fails with ENOTFOUND in a plain sentence naming the host', async () => {
    rememberBystanders()
    const notFound = await failureOf(() =>
      engine.open(sessionOptions({ kind: 'tcp-client', host: UNRESOLVABLE, port: 7 })),
    )
    expect(notFound.code).toBe('ENOTFOUND')
    expect(notFound.message).toContain(UNRESOLVABLE)
    expectPlainSentence(notFound.message)
    expect(engine.get(notFound.sessionId!)).toMatchObject({ state: 'error', error: { code: 'ENOTFOUND' } })

    // A UDP datagram to such a name fails alone; the socket stays bound.
    const udp = await engine.open(sessionOptions({ kind: 'udp', host: '127.0.0.1' }))
    const datagram = await failureOf(() =>
      engine.send({ sessionId: udp.id, data: new Uint8Array([1]), remoteHost: UNRESOLVABLE, remotePort: 7 }),
    )
    expect(datagram.code).toBe('ENOTFOUND')
    expectPlainSentence(datagram.message)
    expect(engine.get(udp.id).state).toBe('bound')
    await expectBystandersUntouched([notFound.sessionId!, udp.id])
  })

  it('a send on a closed session of each kind is refused with ERR_SESSION_STATE', async () => {
    rememberBystanders()
    const peer: NodeTcpServer = await nodeTcpServer('127.0.0.1')
    started.push(peer)
    const client = await engine.open(
      sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port: peer.port }),
    )
    const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const udp = await engine.open(
      sessionOptions({ kind: 'udp', host: '127.0.0.1', remoteHost: '127.0.0.1', remotePort: udpPeer.port }),
    )
    const ids = [client.id, server.id, udp.id]
    for (const id of ids) expect((await engine.close(id)).state).toBe('closed')

    const codes: Record<string, string> = {}
    for (const id of ids) {
      const refused = await failureOf(() => engine.send({ sessionId: id, data: new Uint8Array([1, 2, 3]) }))
      codes[engine.get(id).kind] = refused.code
      expect(refused.sessionId).toBe(id)
      expectPlainSentence(refused.message)
      expect(engine.get(id).state).toBe('closed')
      expect(engine.get(id).stats.messagesOut).toBe(0)
    }
    await expectBystandersUntouched(ids)
    expect(codes).toEqual({
      'tcp-client': 'ERR_SESSION_STATE',
      'tcp-server': 'ERR_SESSION_STATE',
      udp: 'ERR_SESSION_STATE',
    })
  })

  it('a send on an unknown session is refused with ENOSESSION', async () => {
    rememberBystanders()
    const unknown = await failureOf(() => engine.send({ sessionId: 's-unknown', data: new Uint8Array([1]) }))
    expect(unknown.code).toBe('ERR_NO_SESSION')
    expect(unknown.message).toContain('s-unknown')
    expectPlainSentence(unknown.message)
    for (const action of [
      () => engine.close('s-unknown'),
      () => engine.stopListening('s-unknown'),
      () => engine.disconnect({ sessionId: 's-unknown', mode: 'reset' }),
    ]) {
      expect((await failureOf(action)).code).toBe('ERR_NO_SESSION')
    }
    await expectBystandersUntouched([])
  })
})
