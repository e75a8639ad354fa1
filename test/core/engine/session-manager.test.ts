import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import {
  eachSessionEvent,
  openSessionRequestSchema,
  type OpenSessionRequest,
  type SessionEvent,
} from '../../../electron/shared'
import { nodeTcpClient, nodeTcpServer } from '../../helpers/peers'
import { EngineHarness } from './harness'

const parse = (request: OpenSessionRequest) => openSessionRequestSchema.parse(request)
const udp = parse({ kind: 'udp', host: '127.0.0.1' })

let harness: EngineHarness | undefined

afterEach(async () => {
  await harness?.dispose()
  harness = undefined
})

describe('SessionManager bookkeeping', () => {
  it('refuses every action on an unknown session with ENOSESSION and changes nothing', async () => {
    harness = new EngineHarness()
    const { engine } = harness
    await engine.open(udp)
    const before = JSON.stringify(engine.list())
    const unknown = { code: 'ERR_NO_SESSION', message: 'there is no session nope' }
    await expect(engine.close('nope')).rejects.toMatchObject(unknown)
    await expect(engine.remove('nope')).rejects.toMatchObject(unknown)
    await expect(engine.send({ sessionId: 'nope', data: new Uint8Array(1) })).rejects.toMatchObject(unknown)
    await expect(engine.disconnect({ sessionId: 'nope', mode: 'graceful' })).rejects.toMatchObject(unknown)
    await expect(engine.halfClose({ sessionId: 'nope' })).rejects.toMatchObject(unknown)
    await expect(engine.stopListening('nope')).rejects.toMatchObject(unknown)
    expect(() => engine.membership({ sessionId: 'nope', action: 'join', group: '239.1.1.1' })).toThrow(
      expect.objectContaining(unknown),
    )
    expect(() => engine.get('nope')).toThrow(expect.objectContaining(unknown))
    expect(() => engine.stats('nope')).toThrow(expect.objectContaining(unknown))
    expect(() => engine.connectionStats('nope', 'c1')).toThrow(expect.objectContaining(unknown))
    expect(JSON.stringify(engine.list())).toBe(before)
  })

  it('refuses more open sessions than the limit with ERR_LIMIT; closed sessions do not count', async () => {
    harness = new EngineHarness({ maxOpenSessions: 2 })
    const { engine } = harness
    const first = await engine.open(udp)
    await engine.open(udp)
    await expect(engine.open(udp)).rejects.toMatchObject({ code: 'ERR_LIMIT' })
    expect(engine.list()).toHaveLength(2)
    await engine.close(first.id)
    await engine.open(udp)
    expect(engine.list()).toHaveLength(3)
  })

  it('numbers events per session from 1, strictly increasing, with epoch timestamps', async () => {
    harness = new EngineHarness()
    const server = await harness.engine.open(parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const client = await harness.engine.open(
      parse({ kind: 'tcp-client', host: '127.0.0.1', port: server.local!.port }),
    )
    await harness.waitFor(server.id, 'accept')
    await harness.engine.send({ sessionId: client.id, data: Buffer.from('ping') })
    await harness.waitForReceived(server.id, 4)
    await harness.engine.close(server.id)
    await harness.waitFor(client.id, 'end')
    for (const id of [server.id, client.id]) {
      const seqs = harness.of(id).map((event) => event.seq)
      expect(seqs).toEqual(seqs.map((_seq, index) => index + 1))
      const times = harness.of(id).map((event) => event.time)
      expect(times).toEqual([...times].sort((a, b) => a - b))
    }
    const first = harness.of(server.id)[0]!
    expect(Math.abs(first.time - Date.now())).toBeLessThan(60_000)
    expect(Number.isInteger(first.time)).toBe(false)
  })

  it('remove() closes then forgets; unsubscribed listeners hear nothing more', async () => {
    harness = new EngineHarness()
    const extra: SessionEvent[] = []
    const unsubscribe = harness.engine.subscribe(eachSessionEvent((event) => extra.push(event)))
    const { id } = await harness.engine.open(udp)
    unsubscribe()
    const heard = extra.length
    await harness.engine.remove(id)
    expect(harness.engine.list()).toEqual([])
    expect(harness.ofType(id, 'close')).toHaveLength(1)
    expect(extra).toHaveLength(heard)
    expect(() => harness!.engine.get(id)).toThrow(expect.objectContaining({ code: 'ERR_NO_SESSION' }))
  })
})

describe('disposeAll', () => {
  it('closes every socket; the same ports can be bound again', async () => {
    const engine = new SessionManager()
    const outside = await nodeTcpServer('127.0.0.1')
    try {
      const server = await engine.open(parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
      const tcpPort = server.local!.port
      const visitor = await nodeTcpClient('127.0.0.1', tcpPort)
      const datagrams = await engine.open(parse({ kind: 'udp', host: '127.0.0.1', port: 0 }))
      const udpPort = datagrams.local!.port
      await engine.open(parse({ kind: 'tcp-client', host: '127.0.0.1', port: outside.port }))
      const outsidePeer = await outside.nextPeer()

      await engine.disposeAll()
      expect(engine.list()).toEqual([])
      await visitor.received.waitForEnd('EOF at the visitor')
      await outsidePeer.received.waitForEnd('EOF at the outside server')

      const again = createServer()
      again.listen(tcpPort, '127.0.0.1')
      await once(again, 'listening')
      await new Promise((resolve) => again.close(resolve))
      const datagramsAgain = createSocket('udp4')
      datagramsAgain.bind(udpPort, '127.0.0.1')
      await once(datagramsAgain, 'listening')
      await new Promise<void>((resolve) => datagramsAgain.close(() => resolve()))
      const reopened = await engine.open(parse({ kind: 'tcp-server', host: '127.0.0.1', port: tcpPort }))
      expect(reopened.local!.port).toBe(tcpPort)
      await engine.disposeAll()
    } finally {
      await outside.close()
    }
  })
})
