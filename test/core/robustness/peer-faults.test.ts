import { once } from 'node:events'
import { connect, createServer, type Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import { CodedError, Limits } from '../../../electron/shared'
import { within } from '../../helpers/peers'
import { EventLog, isEvent, sessionOptions, textBytes } from './engine-harness'

// Issue 8, faults: a peer that resets or closes while we are sending. The engine must settle every pending
// send, end the session or connection with a clear cause and error, and never hang or throw uncaught.

/** Larger than every kernel buffer on loopback: the write is still in flight when the peer acts. */
const LARGE = Limits.maxPayloadBytes

/** A peer that reads one chunk, then stops reading (so our bytes pile up), and hands that moment to the test. */
function stallAfterFirstChunk(socket: Socket): Promise<void> {
  socket.on('error', () => undefined)
  return within(
    new Promise<void>((resolve) =>
      socket.once('data', () => {
        socket.pause()
        resolve()
      }),
    ),
    'the peer to receive the first chunk',
  )
}

interface PeerServer {
  port: number
  /** The first accepted socket; callers bound the wait with within(). */
  accepted: Promise<Socket>
  close(): Promise<void>
}

/** A plain node server; close() also destroys what it accepted (a stalled peer would keep it open). */
async function listeningServer(): Promise<PeerServer> {
  const server = createServer()
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => sockets.add(socket))
  const accepted = once(server, 'connection').then(([socket]) => socket as Socket)
  server.listen(0, '127.0.0.1')
  await within(once(server, 'listening'), 'the peer to listen')
  return {
    port: (server.address() as { port: number }).port,
    accepted,
    async close() {
      for (const socket of sockets) socket.destroy()
      await within(new Promise((resolve) => server.close(resolve)), 'the peer server to close')
    },
  }
}

/** A settled promise as data, so a test can assert on either outcome without hanging. */
const settled = <T>(promise: Promise<T>, what: string) =>
  within(
    promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    what,
  )

describe('a peer fails while we send', () => {
  let engine: SessionManager
  let log: EventLog
  let peer: PeerServer | undefined

  beforeEach(() => {
    engine = new SessionManager()
    log = new EventLog(engine)
  })

  afterEach(async () => {
    log.stop()
    await engine.disposeAll()
    await peer?.close()
    peer = undefined
  })

  it('client: a reset mid-transfer rejects the send with ECONNRESET and ends the session with cause reset', async () => {
    peer = await listeningServer()
    const session = await engine.open(
      sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port: peer.port }),
    )
    const remote = await within(peer.accepted, 'the peer to accept')
    const stalled = stallAfterFirstChunk(remote)

    const sending = settled(
      engine.send({ sessionId: session.id, data: new Uint8Array(LARGE) }),
      'the send to settle',
    )
    await stalled
    remote.resetAndDestroy()

    const outcome = await sending
    expect(outcome).toMatchObject({ ok: false, error: expect.objectContaining({ code: 'ECONNRESET' }) })
    expect(!outcome.ok && outcome.error).toBeInstanceOf(CodedError)
    const close = await log.waitFor(isEvent('close', session.id), 'the session to close')
    expect(close).toMatchObject({ scope: 'session', cause: 'reset' })
    const info = engine.get(session.id)
    expect(info.state).toBe('error')
    expect(info.error).toMatchObject({
      code: 'ECONNRESET',
      message: expect.stringContaining('reset by the peer'),
    })
    expect(info.stats.openConnections).toBe(0)
    expect(log.matching(isEvent('error', session.id)).map((event) => event.error.code)).toContain(
      'ECONNRESET',
    )
    // The bytes never reached the peer: the log and the counters must not claim they were sent.
    expect(log.matching(isEvent('sent', session.id))).toEqual([])
    expect(info.stats.bytesOut).toBe(0)
  })

  it('server: a client resetting mid-transfer ends that connection with cause reset; the server keeps listening', async () => {
    const session = await engine.open(sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = session.local!.port
    const client = connect({ host: '127.0.0.1', port })
    const stalled = stallAfterFirstChunk(client)
    const accept = await log.waitFor(isEvent('accept', session.id), 'the server to accept')

    const sending = settled(
      engine.send({ sessionId: session.id, connectionId: accept.connectionId, data: new Uint8Array(LARGE) }),
      'the send to settle',
    )
    await stalled
    client.resetAndDestroy()

    const outcome = await sending
    expect(outcome).toMatchObject({ ok: false, error: expect.objectContaining({ code: 'ECONNRESET' }) })
    const close = await log.waitFor(isEvent('close', session.id), 'the connection to close')
    expect(close).toMatchObject({ scope: 'connection', cause: 'reset', connectionId: accept.connectionId })
    expect(log.matching(isEvent('sent', session.id))).toEqual([])
    expect(engine.get(session.id)).toMatchObject({ state: 'listening', listening: true, connections: [] })

    // Still serving: a new client is accepted and gets its bytes.
    const next = connect({ host: '127.0.0.1', port })
    const arrived = within(once(next, 'data'), 'the next client to receive').then(
      ([chunk]) => chunk as Buffer,
    )
    await log.waitForCount(isEvent('accept', session.id), 2, 'the second accept')
    await engine.send({ sessionId: session.id, data: textBytes('still here') })
    expect((await arrived).toString()).toBe('still here')
    next.destroy()
  })

  it('client: a peer closing while several sends are queued settles every send and ends the session clearly', async () => {
    peer = await listeningServer()
    const session = await engine.open(
      sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port: peer.port }),
    )
    const remote = await within(peer.accepted, 'the peer to accept')
    const stalled = stallAfterFirstChunk(remote)

    const chunk = LARGE / 4
    const sends = Array.from({ length: 4 }, (_unused, index) =>
      settled(
        engine.send({ sessionId: session.id, data: new Uint8Array(chunk) }),
        `send ${index + 1} to settle`,
      ),
    )
    await stalled
    remote.destroy() // an ordinary close; unread bytes make the kernel answer our next segments with RST

    const outcomes = await Promise.all(sends)
    for (const outcome of outcomes) {
      if (outcome.ok) expect(outcome.value).toEqual({ bytes: chunk, targets: 1 })
      else {
        expect(outcome.error).toBeInstanceOf(CodedError)
        expect((outcome.error as CodedError).code).toMatch(/^E[A-Z]+$/)
      }
    }
    expect(outcomes.some((outcome) => !outcome.ok)).toBe(true)
    const close = await log.waitFor(isEvent('close', session.id), 'the session to close')
    expect(close.scope).toBe('session')
    expect(['peer', 'reset', 'error']).toContain(close.cause)
    const info = engine.get(session.id)
    expect(['closed', 'error']).toContain(info.state)
    if (info.state === 'error') expect(info.error?.message).toMatch(/^[^\n]+$/)
    expect(info.stats.queuedBytes).toBe(0)
  })

  it('client: after the peer closed, sending fails with a code within a few sends and the session ends', async () => {
    peer = await listeningServer()
    const session = await engine.open(
      sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port: peer.port }),
    )
    const remote = await within(peer.accepted, 'the peer to accept')
    remote.destroy() // nothing unread: an orderly FIN, after which the peer's kernel answers our data with RST
    await log.waitFor(isEvent('end', session.id), 'the peer FIN to arrive')

    // Half-open by design: the first send may still be accepted by our kernel. The RST it provokes must then
    // fail a later one; ten sends are far more than that takes.
    let failure: CodedError | undefined
    for (let attempt = 0; attempt < 10 && failure === undefined; attempt += 1) {
      const outcome = await settled(
        engine.send({ sessionId: session.id, data: new Uint8Array(1024) }),
        'a send',
      )
      if (!outcome.ok) failure = outcome.error as CodedError
    }
    expect(failure).toBeInstanceOf(CodedError)
    expect(['EPIPE', 'ECONNRESET', 'ERR_SESSION_STATE']).toContain(failure!.code)
    expect(failure!.message).toMatch(/^[^\n]+$/)
    const close = await log.waitFor(isEvent('close', session.id), 'the session to close')
    expect(close.scope).toBe('session')
    expect(['closed', 'error']).toContain(engine.get(session.id).state)
  })
})
