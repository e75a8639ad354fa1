import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { createWorkbench } from '../../../electron/core/workbench'
import { Limits, type Result } from '../../../electron/shared'
import { nodeTcpClient, within, type NodeTcpPeer } from '../../helpers/peers'
import { EventLog, failureOf, isClose, isEvent, sessionOptions, textBytes } from './engine-harness'

// Issue 8, limits: too many sessions, too many clients on one server, a payload over the cap. Each is refused
// with a clear coded error, and what was already running keeps running.

const udpOnLoopback = () => sessionOptions({ kind: 'udp', host: '127.0.0.1' })

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

describe('limits', () => {
  let engine: SessionManager
  let log: EventLog
  let clients: NodeTcpPeer[]

  beforeEach(() => {
    clients = []
  })

  afterEach(async () => {
    log.stop()
    for (const client of clients) client.socket.destroy()
    await engine.disposeAll()
  })

  it('opening more than maxOpenSessions is refused with ERR_LIMIT; closing one makes room again', async () => {
    const max = 3
    engine = new SessionManager({ maxOpenSessions: max })
    log = new EventLog(engine)
    const open = []
    for (let index = 0; index < max; index += 1) open.push(await engine.open(udpOnLoopback()))

    const refused = await failureOf(() => engine.open(udpOnLoopback()))
    expect(refused.code).toBe('ERR_LIMIT')
    expect(refused.message).toContain(String(max))
    expect(engine.list().map((session) => [session.id, session.state])).toEqual(
      open.map((session) => [session.id, 'bound']),
    )

    await engine.close(open[0]!.id)
    const again = await engine.open(udpOnLoopback())
    expect(again.state).toBe('bound')
  })

  it('without an option the limit is Limits.maxOpenSessions', async () => {
    engine = new SessionManager()
    log = new EventLog(engine)
    const batch = 64
    for (let opened = 0; opened < Limits.maxOpenSessions; opened += batch) {
      const count = Math.min(batch, Limits.maxOpenSessions - opened)
      await Promise.all(Array.from({ length: count }, () => engine.open(udpOnLoopback())))
    }
    expect(engine.list().filter((session) => session.state === 'bound')).toHaveLength(Limits.maxOpenSessions)
    const refused = await failureOf(() => engine.open(udpOnLoopback()))
    expect(refused.code).toBe('ERR_LIMIT')
    expect(refused.message).toContain(Limits.maxOpenSessions.toLocaleString('en-US'))
  }, 60_000)

  it('a client over the server maxConnections is refused, the server keeps running and says so in an event', async () => {
    engine = new SessionManager()
    log = new EventLog(engine)
    const maxConnections = 2
    const server = await engine.open(
      sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0, maxConnections }),
    )
    const port = server.local!.port
    for (let index = 0; index < maxConnections; index += 1)
      clients.push(await nodeTcpClient('127.0.0.1', port))
    await log.waitForCount(isEvent('accept', server.id), maxConnections, 'the allowed clients to be accepted')

    const extra = await nodeTcpClient('127.0.0.1', port) // the kernel completes the handshake; node then drops it
    clients.push(extra)
    const refusal = await log.waitFor(isEvent('error', server.id), 'the refusal event')
    expect(refusal.error.code).toBe('ERR_LIMIT')
    expect(refusal.error.message).toContain(String(maxConnections))
    await within(extra.closed, 'the refused client to be closed')
    expect(engine.get(server.id)).toMatchObject({ state: 'listening', listening: true })
    expect(engine.get(server.id).connections).toHaveLength(maxConnections)

    // Those inside are still served, and a freed slot is taken again.
    await engine.send({ sessionId: server.id, data: textBytes('ok') })
    await Promise.all(clients.slice(0, maxConnections).map((client) => client.received.waitForBytes(2)))
    clients[0]!.socket.resetAndDestroy()
    await log.waitFor(isClose(server.id, 'connection'), 'the first client to leave')
    clients.push(await nodeTcpClient('127.0.0.1', port))
    await log.waitForCount(isEvent('accept', server.id), maxConnections + 1, 'the freed slot to be taken')
    expect(engine.get(server.id).connections).toHaveLength(maxConnections)
  })

  it('a payload over Limits.maxPayloadBytes through the handler table is ERR_INVALID_REQUEST; the largest allowed one goes through', async () => {
    engine = new SessionManager()
    log = new EventLog(engine)
    const dataDir = await mkdtemp(join(tmpdir(), 'robustness-limits-'))
    try {
      const table = createWorkbench({ dataDir, engine }).handlers
      const server = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
      const client = await nodeTcpClient('127.0.0.1', server.local!.port)
      clients.push(client)
      await log.waitFor(isEvent('accept', server.id), 'the client to be accepted')

      const tooLarge = errorOf(
        await table.send({ sessionId: server.id, data: new Uint8Array(Limits.maxPayloadBytes + 1) }),
      )
      expect(tooLarge.code).toBe('ERR_INVALID_REQUEST')
      expect(tooLarge.message).toContain(String(Limits.maxPayloadBytes))
      expect(engine.stats(server.id)).toMatchObject({ bytesOut: 0, messagesOut: 0 })
      expect(engine.get(server.id).state).toBe('listening')

      const largest = Uint8Array.from({ length: Limits.maxPayloadBytes }, (_value, index) => index % 251)
      const sent = await table.send({ sessionId: server.id, data: largest })
      expect(sent).toEqual({ ok: true, value: { bytes: Limits.maxPayloadBytes, targets: 1 } })
      const received = await client.received.waitForBytes(Limits.maxPayloadBytes, 'the largest payload')
      expect(received.equals(largest)).toBe(true)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
