import { spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CodedError,
  OwnErrorCode,
  framingSchema,
  openSessionRequestSchema,
  type FramingInput,
  type OpenSessionRequest,
} from '../../../electron/shared'
import { nodeTcpClient, nodeTcpServer, nodeUdpPeer, within, type NodeTcpPeer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from './harness'

// Changing an open session's framing (issue 16): each open connection (or the UDP socket) switches at its next
// boundary between reads; what the old framing held is reported as an incomplete frame; connections accepted
// later start with the new framing. Senders are python3 and plain Node sockets.

let harness: EngineHarness

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
})

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')

const open = (request: OpenSessionRequest) => harness.openRequest(request)

const setFraming = (sessionId: string, framing: FramingInput) =>
  harness.engine.setFraming({ sessionId, framing: framingSchema.parse(framing) })

const framesOf = (sessionId: string, connectionId?: string): string[] =>
  harness.ofType(sessionId, 'frame', connectionId).map((event) => text(event.data))

const waitForFrames = (sessionId: string, count: number) => harness.waitForCount(sessionId, 'frame', count)

async function client(port: number): Promise<NodeTcpPeer> {
  const peer = await nodeTcpClient('127.0.0.1', port)
  harness.track(peer)
  return peer
}

/** What the engine refused with, or fails the test when it did not refuse. */
function refusal(action: () => unknown): CodedError {
  try {
    action()
  } catch (thrown) {
    if (thrown instanceof CodedError) return thrown
    throw thrown
  }
  return expect.fail('expected a coded refusal')
}

// Sends its first argument, then waits for a line on stdin before sending its second: the test changes the
// session's framing in between.
const PYTHON_TWO_PART_SENDER = `
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.sendall(sys.argv[2].encode())
sys.stdin.readline()
s.sendall(sys.argv[3].encode())
s.close()
`

needs('python3').describe('a framing change against a python3 sender', () => {
  it('a TCP server without framing switches to a LF delimiter: the lines sent after it are frames', async () => {
    const { id, port } = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const sender = spawn('python3', ['-c', PYTHON_TWO_PART_SENDER, String(port), 'a\nb\n', 'c\nd\n'])
    harness.track(sender)
    await harness.waitForReceived(id, 4)

    const info = setFraming(id, { mode: 'delimiter', delimiter: '\\n' })
    expect(info.options.framing).toEqual({
      mode: 'delimiter',
      delimiter: '\\n',
      keep: false,
      maxFrameBytes: 1024 * 1024,
    })
    expect(harness.engine.get(id).options.framing?.mode).toBe('delimiter')
    sender.stdin.write('go\n')
    await harness.waitFor(id, 'close', (event) => event.scope === 'connection')

    expect(text(harness.received(id))).toBe('a\nb\nc\nd\n')
    expect(framesOf(id, 'c1')).toEqual(['c', 'd'])
    expect(harness.engine.stats(id)).toMatchObject({ bytesIn: 8, framesIn: 2 })
    expect(harness.ofType(id, 'error')).toEqual([])
    expect(await within(new Promise((resolve) => sender.once('exit', resolve)), 'python3 to exit')).toBe(0)
  })
})

describe('a framing change on an open TCP session', () => {
  it('a partial frame at the change is reported as incomplete; the new mode starts with the next read', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\n' },
    })
    const peer = await client(port)
    peer.socket.write('one\ntw')
    await harness.waitForReceived(id, 6)
    expect(framesOf(id)).toEqual(['one'])

    setFraming(id, { mode: 'fixed', length: 3 })
    const [error] = harness.ofType(id, 'error')
    expect(error?.connectionId).toBe('c1')
    expect(error?.error.code).toBe(OwnErrorCode.frameIncomplete)
    expect(error?.error.message).toContain('incomplete frame, 2 bytes')

    peer.socket.write('abcdef')
    await waitForFrames(id, 3)
    expect(framesOf(id)).toEqual(['one', 'abc', 'def'])
    expect(harness.ofType(id, 'error')).toHaveLength(1)
  })

  it('every open connection switches, and a connection accepted later starts with the new framing', async () => {
    const { id, port } = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const first = await client(port)
    const second = await client(port)
    await harness.waitFor(id, 'accept', (event) => event.connectionId === 'c2')

    setFraming(id, { mode: 'length', field: 'u8' })
    first.socket.write(Buffer.from([2, 0x68, 0x69]))
    second.socket.write(Buffer.from([1, 0x21]))
    const third = await client(port)
    third.socket.write(Buffer.from([3, 0x61, 0x62, 0x63]))
    await waitForFrames(id, 3)

    expect(framesOf(id, 'c1')).toEqual(['\x02hi'])
    expect(framesOf(id, 'c2')).toEqual(['\x01!'])
    expect(framesOf(id, 'c3')).toEqual(['\x03abc'])
  })

  it('a TCP client switches back to none: chunks go on, frames stop, a held partial frame is reported', async () => {
    const server = await nodeTcpServer('127.0.0.1')
    const { id } = await open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: server.port,
      framing: { mode: 'slip' },
    })
    const peer = await server.nextPeer()
    peer.socket.write(Buffer.from([0x41, 0xc0, 0x42]))
    await harness.waitForReceived(id, 3)

    const info = setFraming(id, { mode: 'none' })
    expect(info.options.framing).toEqual({ mode: 'none' })
    expect(harness.ofType(id, 'error').map((event) => event.error.message)).toEqual([
      'the stream ended in the middle of a frame: incomplete frame, 1 bytes',
    ])
    peer.socket.write(Buffer.from([0x43, 0xc0]))
    await harness.waitForReceived(id, 5)
    expect(framesOf(id)).toEqual(['A'])
    expect(harness.engine.stats(id)).toMatchObject({ bytesIn: 5, framesIn: 1 })
    await server.close()
  })

  it('an idle-gap frame in progress is handed on as a frame at the change', async () => {
    const server = await nodeTcpServer('127.0.0.1')
    const { id } = await open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: server.port,
      // Longer than the test: only the change can end this frame.
      framing: { mode: 'idle', gapMs: 60_000 },
    })
    const peer = await server.nextPeer()
    peer.socket.write('held')
    await harness.waitForReceived(id, 4)
    expect(framesOf(id)).toEqual([])

    setFraming(id, { mode: 'delimiter', delimiter: ';' })
    expect(framesOf(id)).toEqual(['held'])
    peer.socket.write('x;y;')
    await waitForFrames(id, 3)
    expect(framesOf(id)).toEqual(['held', 'x', 'y'])
    expect(harness.ofType(id, 'error')).toEqual([])
    await server.close()
  })

  it('a client still connecting takes the new framing for its connection', async () => {
    const server = await nodeTcpServer('127.0.0.1')
    const opening = harness.engine.open(
      openSessionRequestSchema.parse({ kind: 'tcp-client', host: '127.0.0.1', port: server.port }),
    )
    const id = harness.engine.list()[0]!.id
    expect(harness.engine.get(id).state).toBe('connecting')
    setFraming(id, { mode: 'delimiter', delimiter: '\\n' })
    await opening
    const peer = await server.nextPeer()
    peer.socket.write('late\n')
    await waitForFrames(id, 1)
    expect(framesOf(id)).toEqual(['late'])
    await server.close()
  })
})

describe('a framing change on UDP', () => {
  it('a datagram after the change is framed; the idle gap is refused and changes nothing', async () => {
    const { id, port } = await open({ kind: 'udp', host: '127.0.0.1', port: 0 })
    const peer = await nodeUdpPeer('127.0.0.1')
    peer.socket.send('x\ny\n', port, '127.0.0.1')
    await harness.waitForReceived(id, 4)

    const refused = refusal(() => setFraming(id, { mode: 'idle', gapMs: 10 }))
    expect(refused.code).toBe(OwnErrorCode.invalidRequest)
    expect(refused.message).toContain('UDP frames each datagram on its own')
    expect(harness.engine.get(id).options.framing).toBeUndefined()

    setFraming(id, { mode: 'delimiter', delimiter: '\\n' })
    peer.socket.send('x\ny\n', port, '127.0.0.1')
    await waitForFrames(id, 2)
    expect(framesOf(id)).toEqual(['x', 'y'])
    expect(harness.engine.stats(id)).toMatchObject({ messagesIn: 2, framesIn: 2 })
    await peer.close()
  })
})

describe('refusals', () => {
  it('a closed session refuses a change with ERR_SESSION_STATE and keeps its options', async () => {
    const { id } = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    await harness.engine.close(id)
    const refused = refusal(() => setFraming(id, { mode: 'slip' }))
    expect(refused.code).toBe(OwnErrorCode.wrongState)
    expect(refused.message).toBe(`session ${id} cannot change its framing: it is closed`)
    expect(harness.engine.get(id).options.framing).toBeUndefined()
  })

  it('an unknown session is refused with ERR_NO_SESSION', () => {
    expect(refusal(() => setFraming('nope', { mode: 'slip' })).code).toBe(OwnErrorCode.unknownSession)
  })
})
