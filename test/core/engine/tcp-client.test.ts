import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CodedError,
  tcpClientOptionsSchema,
  type SessionInfo,
  type TcpClientOptions,
} from '../../../electron/shared'
import {
  everyByte,
  ncatTcpEchoServer,
  nodeTcpServer,
  pythonBlackholeListener,
  socatTcpEchoServer,
  within,
  type LoopbackHost,
  type NodeTcpServer,
} from '../../helpers/peers'
import { EngineHarness } from './harness'
import type { ToolName } from '../../../electron/tools/system-tools.mjs'
import { needs } from '../../helpers/system-tools'

const clientOptions = (input: Omit<Partial<TcpClientOptions>, 'kind'> & { port: number }): TcpClientOptions =>
  tcpClientOptionsSchema.parse({ kind: 'tcp-client', host: '127.0.0.1', ...input })

async function openFailure(harness: EngineHarness, options: TcpClientOptions): Promise<CodedError> {
  const failure = await harness.engine.open(options).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(failure).toBeInstanceOf(CodedError)
  return failure as CodedError
}

let harness: EngineHarness
let server: NodeTcpServer | undefined

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
  await server?.close()
  server = undefined
})

describe('TCP client against a plain node server', () => {
  it('shows socket → connect → connected, in sequence, with strictly increasing seq and time', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const info = await harness.engine.open(clientOptions({ port: server.port }))
    expect(info).toMatchObject({ kind: 'tcp-client', state: 'connected' })
    expect(info.remote).toEqual({ address: '127.0.0.1', port: server.port, family: 'IPv4' })
    const peer = await server.nextPeer()
    expect(info.local?.port).toBe(peer.socket.remotePort)

    const events = harness.of(info.id)
    expect(events.map((event) => event.type)).toEqual(['socket', 'state', 'connect', 'connected', 'state'])
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5])
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time)
    const connected = harness.ofType(info.id, 'connected')[0]!
    expect(connected.latencyMs).toBeGreaterThanOrEqual(0)
    expect(connected.remote.port).toBe(server.port)
    expect(harness.ofType(info.id, 'state').map((event) => event.state)).toEqual(['connecting', 'connected'])
  })

  it('round-trips all 256 byte values both ways with exact counters', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()

    const receipt = await harness.engine.send({ sessionId: id, data: everyByte() })
    expect(receipt).toEqual({ bytes: 256, targets: 1 })
    expect([...(await peer.received.waitForBytes(256))]).toEqual([...everyByte()])

    peer.socket.write(everyByte())
    expect([...(await harness.waitForReceived(id, 256))]).toEqual([...everyByte()])

    const sent = harness.ofType(id, 'sent')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ byteLength: 256 })
    expect([...sent[0]!.data]).toEqual([...everyByte()])
    expect(harness.engine.stats(id)).toMatchObject({
      bytesOut: 256,
      bytesIn: 256,
      messagesOut: 1,
      openConnections: 1,
    })
    expect(harness.engine.stats(id).messagesIn).toBeGreaterThanOrEqual(1)
    expect(peer.socket.bytesRead).toBe(256)
  })

  it('closes with FIN: the peer sees EOF, the close cause is local, the state closed', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    const info = await harness.engine.close(id)
    expect(info.state).toBe('closed')
    await peer.received.waitForEnd('EOF at the node peer')
    expect(harness.ofType(id, 'close')).toEqual([
      expect.objectContaining({ scope: 'session', cause: 'local' }),
    ])
    expect(harness.engine.stats(id).openConnections).toBe(0)
    // Closing again changes nothing and emits nothing.
    const before = harness.of(id).length
    await harness.engine.close(id)
    expect(harness.of(id)).toHaveLength(before)
  })

  it('half-closes: our FIN reaches the peer, which can still answer', async () => {
    server = await nodeTcpServer('127.0.0.1', true)
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    await harness.engine.send({ sessionId: id, data: Buffer.from('question') })
    await harness.engine.halfClose({ sessionId: id })
    expect(harness.typesOf(id)).toContain('half-close')
    await peer.received.waitForEnd('our FIN at the peer')
    expect(peer.received.bytes.toString()).toBe('question')

    await expect(harness.engine.send({ sessionId: id, data: Buffer.from('more') })).rejects.toMatchObject({
      code: 'ERR_SESSION_STATE',
    })
    peer.socket.end('answer after FIN')
    expect((await harness.waitForReceived(id, 16)).toString()).toBe('answer after FIN')
    await harness.waitFor(id, 'close')
    expect(harness.ofType(id, 'close')[0]).toMatchObject({ cause: 'peer' })
    expect(harness.engine.get(id).state).toBe('closed')
  })

  it('closes after its own half-close even when the peer never sends its FIN', async () => {
    server = await nodeTcpServer('127.0.0.1', true)
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    await harness.engine.halfClose({ sessionId: id })
    await expect(harness.engine.halfClose({ sessionId: id })).rejects.toMatchObject({
      code: 'ERR_SESSION_STATE',
      message: `session ${id} cannot half-close: the connection to 127.0.0.1:${server.port} has already sent its FIN and can only receive`,
    })
    await peer.received.waitForEnd('our FIN at the peer')
    expect((await harness.engine.close(id)).state).toBe('closed')
    expect(harness.ofType(id, 'close')[0]).toMatchObject({ cause: 'local' })
  })

  it('does not hang closing while the peer reads nothing: unsent bytes fail with EPIPE', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    peer.socket.pause()
    const chunk = new Uint8Array(1024 * 1024)
    // Settled at once, so rejections while the test awaits other things are handled.
    const sends = Promise.allSettled(
      Array.from({ length: 32 }, () => harness.engine.send({ sessionId: id, data: chunk })),
    )
    await harness.waitFor(id, 'sent')
    const closed = await harness.engine.close(id)
    expect(closed.state).toBe('closed')
    expect(harness.ofType(id, 'close')[0]).toMatchObject({ cause: 'local' })
    const outcomes = await sends
    const failed = outcomes.filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    )
    expect(failed.length).toBeGreaterThan(0)
    for (const failure of failed) expect(failure.reason.code).toBe('EPIPE')
    expect(harness.engine.stats(id).bytesOut).toBe((outcomes.length - failed.length) * chunk.byteLength)
  })

  it("with halfOpen, sees the peer's FIN as 'end' and can still send afterwards", async () => {
    server = await nodeTcpServer('127.0.0.1', true)
    const { id } = await harness.engine.open(clientOptions({ port: server.port, halfOpen: true }))
    const peer = await server.nextPeer()
    peer.socket.end()
    await harness.waitFor(id, 'end')
    expect(harness.engine.get(id).state).toBe('connected')

    await harness.engine.send({ sessionId: id, data: Buffer.from('still here') })
    expect((await peer.received.waitForBytes(10)).toString()).toBe('still here')
    await harness.engine.close(id)
    await peer.closed
    expect(harness.ofType(id, 'close')[0]).toMatchObject({ cause: 'local' })
  })

  it("by default answers the peer's FIN with ours: the session closes with cause peer", async () => {
    server = await nodeTcpServer('127.0.0.1', true)
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    peer.socket.end()
    await harness.waitFor(id, 'end')
    await peer.closed
    expect(await harness.waitFor(id, 'close')).toMatchObject({ scope: 'session', cause: 'peer' })
    expect(harness.engine.get(id).state).toBe('closed')
  })

  it('reports an RST from the peer as ECONNRESET with close cause reset', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    peer.socket.resetAndDestroy()
    const error = await harness.waitFor(id, 'error')
    expect(error.error.code).toBe('ECONNRESET')
    expect(error.error.message).toContain(`127.0.0.1:${server.port}`)
    const close = await harness.waitFor(id, 'close')
    expect(close).toMatchObject({ scope: 'session', cause: 'reset' })
    const info = harness.engine.get(id)
    expect(info.state).toBe('error')
    expect(info.error?.code).toBe('ECONNRESET')
  })

  it('refuses an empty send: nothing is written and no message is counted', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    await expect(harness.engine.send({ sessionId: id, data: new Uint8Array(0) })).rejects.toMatchObject({
      code: 'ERR_INVALID_REQUEST',
      message: expect.stringContaining('nothing was sent'),
    })
    expect(harness.engine.stats(id)).toMatchObject({ messagesOut: 0, bytesOut: 0 })
    expect(harness.typesOf(id)).not.toContain('sent')
  })

  it('aborts with RST on disconnect mode reset: the peer sees ECONNRESET', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    const peerError = new Promise<NodeJS.ErrnoException>((resolve) => peer.socket.once('error', resolve))
    await harness.engine.disconnect({ sessionId: id, mode: 'reset' })
    expect((await within(peerError, 'RST at the peer')).code).toBe('ECONNRESET')
    // Told apart from a graceful close of ours: the log, the CLI and the pcapng export show our RST.
    expect(harness.ofType(id, 'close')[0]).toMatchObject({ cause: 'aborted' })
    await expect(harness.engine.disconnect({ sessionId: id, mode: 'graceful' })).rejects.toMatchObject({
      code: 'ERR_SESSION_STATE',
    })
  })

  it('fails pending sends when the peer closes mid-transfer', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    const chunk = new Uint8Array(256 * 1024)
    // Settled at once, so rejections while the test awaits other things are handled.
    const sends = Promise.allSettled(
      Array.from({ length: 64 }, () => harness.engine.send({ sessionId: id, data: chunk })),
    )
    await peer.received.waitForBytes(512 * 1024)
    peer.socket.destroy()
    const outcomes = await sends
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(failures.length).toBeGreaterThan(0)
    for (const failure of failures) {
      expect(['EPIPE', 'ECONNRESET']).toContain((failure as PromiseRejectedResult).reason.code)
    }
    const close = await harness.waitFor(id, 'close')
    expect(['reset', 'error']).toContain(close.cause)
    const delivered = outcomes.filter((outcome) => outcome.status === 'fulfilled').length * chunk.byteLength
    expect(harness.engine.stats(id).bytesOut).toBe(delivered)
    expect(harness.engine.get(id).state).not.toBe('connected')
  })
})

describe('TCP client: 10 MiB transfer with backpressure', () => {
  const TOTAL = 10 * 1024 * 1024
  const CHUNK = 64 * 1024

  const pattern = (length: number): Uint8Array<ArrayBuffer> =>
    new Uint8Array(length).map((_value, index) => (index * 31 + 7) & 0xff)

  it('arrives byte-exact while the writes wait for drain; counters equal the bytes on the wire', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    peer.socket.pause() // the peer reads nothing yet: the kernel buffers fill and write() returns false

    const data = pattern(TOTAL)
    const queuedAtSent: number[] = []
    const unsubscribe = harness.engine.subscribe((event) => {
      if (event.sessionId === id && event.type === 'sent')
        queuedAtSent.push(harness.engine.stats(id).queuedBytes)
    })
    const sends: Promise<unknown>[] = []
    for (let offset = 0; offset < TOTAL; offset += CHUNK) {
      sends.push(harness.engine.send({ sessionId: id, data: new Uint8Array(data.buffer, offset, CHUNK) }))
    }
    // The peer starts reading only after some chunks went out, so the kernel buffers fill up meanwhile.
    await harness.until(() => (queuedAtSent.length >= 2 ? true : undefined))
    peer.socket.resume()
    await within(Promise.all(sends), 'every send to resolve', 60_000)
    unsubscribe()
    const received = await peer.received.waitForBytes(TOTAL, '10 MiB at the peer', 60_000)
    expect(received.equals(data)).toBe(true)

    // Backpressure, as the user sees it: while the peer read nothing, the bytes waiting for it (our queue plus
    // the socket's buffer) were many chunks, never more than was sent, and every one of them was written.
    expect(queuedAtSent).toHaveLength(TOTAL / CHUNK)
    expect(Math.max(...queuedAtSent)).toBeGreaterThan(CHUNK)
    expect(Math.max(...queuedAtSent)).toBeLessThanOrEqual(TOTAL)
    expect(harness.engine.stats(id)).toMatchObject({
      bytesOut: TOTAL,
      messagesOut: TOTAL / CHUNK,
      queuedBytes: 0,
    })
    expect(peer.socket.bytesRead).toBe(TOTAL)
  }, 90_000)

  it('receives 10 MiB from the peer byte-exact with exact counters', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { id } = await harness.engine.open(clientOptions({ port: server.port }))
    const peer = await server.nextPeer()
    const data = pattern(TOTAL)
    peer.socket.end(data)
    await harness.waitFor(id, 'end', undefined, 60_000)
    expect(harness.received(id).equals(data)).toBe(true)
    expect(harness.engine.stats(id).bytesIn).toBe(TOTAL)
    expect(harness.engine.stats(id).messagesIn).toBe(harness.ofType(id, 'received').length)
    expect(peer.socket.bytesWritten).toBe(TOTAL)
  }, 90_000)
})

describe('TCP client against outside programs', () => {
  const echoes: Array<
    [string, ToolName, () => Promise<{ port: number; peer: { stop(): Promise<void> } }>, LoopbackHost]
  > = [
    ['socat', 'socat', () => socatTcpEchoServer('127.0.0.1'), '127.0.0.1'],
    ['socat over IPv6', 'socat', () => socatTcpEchoServer('::1'), '::1'],
    ['ncat', 'ncat', () => ncatTcpEchoServer('127.0.0.1'), '127.0.0.1'],
  ]

  for (const [name, tool, start, host] of echoes) {
    needs(tool).it(`echoes all 256 byte values through ${name}`, async () => {
      const echo = await start()
      try {
        const info: SessionInfo = await harness.engine.open(clientOptions({ host, port: echo.port }))
        expect(info.remote?.family).toBe(host === '::1' ? 'IPv6' : 'IPv4')
        await harness.engine.send({ sessionId: info.id, data: everyByte() })
        expect([...(await harness.waitForReceived(info.id, 256))]).toEqual([...everyByte()])
        expect(harness.engine.stats(info.id)).toMatchObject({ bytesIn: 256, bytesOut: 256 })
      } finally {
        await harness.dispose()
        await echo.peer.stop()
      }
    })
  }
})

describe('TCP client options', () => {
  it('resolves a name (lookup event), honours the family and a fixed local address', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const info = await harness.engine.open(
      clientOptions({
        host: 'localhost',
        port: server.port,
        family: 'ipv4',
        localAddress: '127.0.0.1',
        noDelay: false,
        keepAlive: true,
        keepAliveInitialDelayMs: 1_000,
      }),
    )
    const peer = await server.nextPeer()
    expect(harness.ofType(info.id, 'lookup')[0]).toMatchObject({
      host: 'localhost',
      address: '127.0.0.1',
      family: 'IPv4',
    })
    expect(harness.ofType(info.id, 'socket')[0]).toMatchObject({ protocol: 'tcp', family: 'IPv4' })
    const bind = harness.ofType(info.id, 'bind')[0]!
    expect(bind.local).toEqual({ address: '127.0.0.1', port: peer.socket.remotePort, family: 'IPv4' })
    expect(harness.typesOf(info.id).indexOf('bind')).toBeLessThan(
      harness.typesOf(info.id).indexOf('connected'),
    )
  })

  it('connects over IPv6 loopback to a node server', async () => {
    server = await nodeTcpServer('::1')
    const info = await harness.engine.open(clientOptions({ host: '::1', port: server.port, family: 'ipv6' }))
    const peer = await server.nextPeer()
    expect(info.local).toMatchObject({ address: '::1', family: 'IPv6' })
    await harness.engine.send({ sessionId: info.id, data: everyByte() })
    expect([...(await peer.received.waitForBytes(256))]).toEqual([...everyByte()])
  })

  it('refuses an address of the other family with ERR_INVALID_REQUEST', async () => {
    const failure = await openFailure(harness, clientOptions({ host: '::1', port: 9, family: 'ipv4' }))
    expect(failure.code).toBe('ERR_INVALID_REQUEST')
    expect(failure.message).toBe('::1 is not an IPv4 address')
  })
})

describe('TCP client failures', () => {
  it('ECONNREFUSED: open rejects, the session stays listed in state error with its events', async () => {
    const closed = await nodeTcpServer('127.0.0.1')
    const port = closed.port
    await closed.close()
    const failure = await openFailure(harness, clientOptions({ port }))
    expect(failure.code).toBe('ECONNREFUSED')
    expect(failure.message).toBe(`connection to 127.0.0.1:${port} was refused: nothing is listening there`)
    expect(failure.sessionId).toBeDefined()
    const listed = harness.engine.list()
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      id: failure.sessionId,
      state: 'error',
      error: { code: 'ECONNREFUSED' },
    })
    expect(harness.typesOf(failure.sessionId!)).toEqual([
      'socket',
      'state',
      'connect',
      'error',
      'close',
      'state',
    ])
    expect(harness.ofType(failure.sessionId!, 'close')[0]).toMatchObject({ cause: 'error' })
    await expect(
      harness.engine.send({ sessionId: failure.sessionId!, data: new Uint8Array(1) }),
    ).rejects.toMatchObject({
      code: 'ERR_SESSION_STATE',
    })
  })

  it('ENOTFOUND for a name under .invalid', async () => {
    const failure = await openFailure(harness, clientOptions({ host: 'no-such-host.invalid', port: 80 }))
    expect(failure.code).toBe('ENOTFOUND')
    expect(failure.message).toBe('host name no-such-host.invalid could not be resolved')
    expect(harness.typesOf(failure.sessionId!)).not.toContain('connect')
  })

  it('ETIMEDOUT when the handshake never completes: close cause timeout', async () => {
    const blackhole = await pythonBlackholeListener()
    try {
      const failure = await openFailure(
        harness,
        clientOptions({ port: blackhole.port, connectTimeoutMs: 300 }),
      )
      expect(failure.code).toBe('ETIMEDOUT')
      expect(failure.message).toBe(`connection to 127.0.0.1:${blackhole.port} timed out after 300 ms`)
      expect(harness.ofType(failure.sessionId!, 'close')[0]).toMatchObject({ cause: 'timeout' })
      expect(harness.engine.get(failure.sessionId!).state).toBe('error')
    } finally {
      await blackhole.peer.stop()
    }
  })

  it('close() while connecting cancels the attempt: ECONNABORTED, state closed', async () => {
    const blackhole = await pythonBlackholeListener()
    try {
      const opening = harness.engine.open(clientOptions({ port: blackhole.port }))
      const connect = await harness.until(() => harness.events.find((event) => event.type === 'connect'))
      const closed = await harness.engine.close(connect.sessionId)
      await expect(opening).rejects.toMatchObject({ code: 'ECONNABORTED' })
      expect(closed.state).toBe('closed')
      expect(harness.ofType(connect.sessionId, 'close')[0]).toMatchObject({ cause: 'local' })
    } finally {
      await blackhole.peer.stop()
    }
  })
})
