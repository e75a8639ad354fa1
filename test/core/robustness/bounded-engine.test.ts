import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { OwnErrorCode } from '../../../electron/shared'
import { freeTcpPort } from '../../helpers/peers'
import { sessionOptions } from './engine-harness'

// Issue 13: nothing a slow peer or a stubborn user does makes the engine's memory grow without bound.

const MIB = 1024 * 1024

describe('the send queue of a connection whose peer does not read', () => {
  let engine: SessionManager
  let server: Server
  const accepted: Socket[] = []

  afterEach(async () => {
    await engine.disposeAll()
    for (const socket of accepted.splice(0)) socket.destroy()
    server.close()
  })

  it('refuses sends past the limit with a coded error and reports every byte still waiting', async () => {
    // A plain Node peer that accepts and never reads: the kernel buffers fill, then our queue would.
    server = createServer({ pauseOnConnect: true }, (socket) => accepted.push(socket))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const limit = 8 * MIB
    engine = new SessionManager({ maxQueuedBytes: limit })
    const client = await engine.open(
      sessionOptions({
        kind: 'tcp-client',
        host: '127.0.0.1',
        port: (server.address() as { port: number }).port,
      }),
    )
    const outcomes = Array.from({ length: 48 }, () =>
      engine.send({ sessionId: client.id, data: new Uint8Array(MIB) }).then(
        () => 'sent',
        (error: { code: string }) => error.code,
      ),
    )
    // Refusals are decided at once; the sends that were queued stay pending while the peer does not read.
    const settled = await Promise.race([
      Promise.all(outcomes),
      new Promise((resolve) => setTimeout(resolve, 500)),
    ])
    expect(settled).toBeUndefined()
    const refusals = await Promise.all(
      outcomes.map((outcome) => Promise.race([outcome, Promise.resolve('pending')])),
    )
    expect(refusals.filter((code) => code === OwnErrorCode.sendQueueFull).length).toBeGreaterThan(0)
    const queued = engine.stats(client.id).queuedBytes
    expect(queued).toBeGreaterThan(0)
    expect(queued).toBeLessThanOrEqual(limit)

    // The refusal is plain and names the limit; the session is still usable once the peer reads.
    await expect(engine.send({ sessionId: client.id, data: new Uint8Array(limit) })).rejects.toMatchObject({
      code: OwnErrorCode.sendQueueFull,
      message: expect.stringContaining('8 MiB limit'),
    })
    for (const socket of accepted) socket.resume()
    expect(await Promise.all(outcomes)).toEqual(refusals.map((code) => (code === 'pending' ? 'sent' : code)))
    await expect(engine.send({ sessionId: client.id, data: new Uint8Array(10) })).resolves.toMatchObject({
      bytes: 10,
    })
  })
})

describe('closed and failed sessions', () => {
  let engine: SessionManager
  afterEach(async () => engine.disposeAll())

  it('are kept up to the limit, oldest forgotten first, while open sessions always stay', async () => {
    engine = new SessionManager({ maxClosedSessions: 5 })
    const listening = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const refusedPort = await freeTcpPort('127.0.0.1')
    const failed: string[] = []
    for (let attempt = 0; attempt < 20; attempt++) {
      const error = await engine
        .open(sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port: refusedPort }))
        .then(
          () => undefined,
          (thrown: { code: string; sessionId: string }) => thrown,
        )
      expect(error?.code).toBe('ECONNREFUSED')
      failed.push(error!.sessionId)
    }
    const listed = engine.list().map((session) => session.id)
    expect(listed).toEqual([listening.id, ...failed.slice(-5)])
  })
})
