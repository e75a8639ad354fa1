import { spawn } from 'node:child_process'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { OwnErrorCode, relayFaultsSchema, type RelayFaultsInput } from '../../../electron/shared'
import { nodeTcpClient, nodeTcpServer, within, type NodeTcpServer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { openRelay, pattern, sha256 } from './relay-kit'

// The two TCP faults that stand in for a drop (issue 19): "reset connection" ends the pair with an RST both
// ways at a chunk it draws, and "stall" stops a direction without closing anything, reading included, so
// the sender feels it as a closed window rather than as a relay swallowing a mebibyte.

const setFaults = (harness: EngineHarness, sessionId: string, faults: RelayFaultsInput): void => {
  harness.engine.setFaults({ sessionId, faults: relayFaultsSchema.parse(faults) })
}

/** The errno a socket closed with (undefined: it closed cleanly). */
function closeCode(socket: Socket): Promise<string | undefined> {
  let code: string | undefined
  socket.on('error', (error: NodeJS.ErrnoException) => (code ??= error.code))
  // Not events.once: it rejects on the 'error' that comes before the close.
  return within(new Promise((resolve) => socket.once('close', () => resolve(code))), 'the socket to close')
}

describe('TCP relay: reset connection and stall', () => {
  let harness: EngineHarness
  let server: NodeTcpServer | undefined
  afterEach(async () => {
    await harness.dispose()
    await server?.close()
    server = undefined
  })

  needs('python3').it(
    'reset: a chunk that draws it resets both legs, and a python3 client sees ECONNRESET',
    async () => {
      harness = new EngineHarness()
      server = await nodeTcpServer('127.0.0.1')
      const relay = await openRelay(harness, server.port)
      // The client says "fine", reads the answer, then (after the fault is on) says "doomed" and reads again.
      const script = [
        'import socket, sys',
        `s = socket.create_connection(("127.0.0.1", ${relay.port}))`,
        's.sendall(b"fine"); print(s.recv(100).decode(), flush=True)',
        'sys.stdin.readline(); s.sendall(b"doomed")',
        'try:',
        '    data = s.recv(100); print("eof" if data == b"" else data.decode(), flush=True)',
        'except ConnectionResetError as error:',
        '    print(type(error).__name__, flush=True)',
      ].join('\n')
      const python = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] })
      harness.track(python)
      let output = ''
      const readers = new Set<() => void>()
      python.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        for (const reader of [...readers]) reader()
      })
      const lines = (count: number) =>
        within(
          new Promise<string[]>((resolve) => {
            const check = (): void => {
              const got = output.split('\n').filter((line) => line !== '')
              if (got.length < count) return
              readers.delete(check)
              resolve(got)
            }
            readers.add(check)
            check()
          }),
          `${count} lines from python3`,
        )
      const upstream = await server.nextPeer()
      await upstream.received.waitForBytes(4)
      upstream.socket.write('ok')
      expect(await lines(1)).toEqual(['ok'])

      const upstreamClosed = closeCode(upstream.socket)
      setFaults(harness, relay.id, { toUpstream: { resetPercent: 100 } })
      python.stdin.write('go\n')
      expect(await lines(2)).toEqual(['ok', 'ConnectionResetError'])
      expect(await upstreamClosed).toBe('ECONNRESET')
      // The chunk that drew the reset was not forwarded, and the log says so with its direction.
      expect(upstream.received.bytes.toString()).toBe('fine')
      const [dropped] = harness.ofType(relay.id, 'dropped')
      expect(dropped).toMatchObject({
        connectionId: 'c1',
        leg: 'client',
        direction: 'to-upstream',
        reason: 'reset',
        byteLength: 6,
      })
      await harness.waitFor(
        relay.id,
        'close',
        (event) => event.scope === 'connection' && event.leg === 'upstream',
      )
      expect(harness.engine.get(relay.id).state).toBe('listening')
    },
  )

  it('reset: applies in the to-client direction too, from the open request', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await openRelay(harness, server.port, { faults: { toClient: { resetPercent: 100 } } })
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const clientClosed = closeCode(client.socket)
    const upstream = await server.nextPeer()
    const upstreamClosed = closeCode(upstream.socket)
    // The other direction is untouched.
    client.socket.write('question')
    await upstream.received.waitForBytes(8)
    upstream.socket.write('answer')
    expect(await clientClosed).toBe('ECONNRESET')
    expect(await upstreamClosed).toBe('ECONNRESET')
    expect(client.received.byteLength).toBe(0)
    expect(harness.ofType(relay.id, 'dropped')[0]).toMatchObject({ leg: 'upstream', direction: 'to-client' })
  })

  it('stall: reading stops at once (the relay holds nothing, the sender keeps it), clearing it delivers all in order', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    setFaults(harness, relay.id, { toUpstream: { stalled: true } })
    // More than loopback's socket buffers take (a few MiB each side), so the sender must keep some itself.
    const total = 32 * 1024 * 1024
    const sent = pattern(total)
    client.socket.write(sent)
    // The other direction still flows: a round trip through it shows the relay went on running meanwhile.
    upstream.socket.write('still here')
    await client.received.waitForBytes(10)
    const info = harness.engine.get(relay.id)
    expect(info.connections[0]!.stats.bytesIn).toBe(0)
    expect(info.stats.queuedBytes).toBe(0)
    expect(upstream.received.byteLength).toBe(0)
    expect(client.socket.writableLength).toBeGreaterThan(0)
    expect(info.options).toMatchObject({
      faults: { toUpstream: { stalled: true }, toClient: { stalled: false } },
    })

    setFaults(harness, relay.id, {})
    const arrived = await upstream.received.waitForBytes(total, '32 MiB at the upstream', 30_000)
    expect(sha256(arrived)).toBe(sha256(sent))
  })

  it('a UDP relay refuses the stream faults, a TCP relay the drop rate, each with its coded reason', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const udp = await openRelay(harness, server.port, { udp: true })
    expect(() => setFaults(harness, udp.id, { toClient: { stalled: true } })).toThrowError(
      expect.objectContaining({
        code: OwnErrorCode.invalidRequest,
        message: expect.stringMatching(/UDP relay has no connection to reset.*stalled to-client/),
      }),
    )
    await expect(
      openRelay(harness, server.port, { udp: true, faults: { toUpstream: { resetPercent: 5 } } }),
    ).rejects.toMatchObject({ code: OwnErrorCode.invalidRequest })
    expect(harness.engine.get(udp.id).options).toMatchObject({ faults: { toClient: { stalled: false } } })
  })
})
