import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OwnErrorCode, type EngineEvent, type OpenSessionRequest } from '../../../electron/shared'
import {
  ByteCollector,
  nodeTcpClient,
  nodeTcpServer,
  nodeUdpPeer,
  socatTcpClient,
  within,
} from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from './harness'

// A session's framing in the engine: raw chunks stay 'received' rows, each frame becomes a 'frame' row (counted as
// framesIn), problems become coded error rows and the session carries on. Senders are programs we did not write.

let harness: EngineHarness

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
})

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')

const open = (request: OpenSessionRequest) => harness.openRequest(request)

const framesOf = (sessionId: string, format = hex): string[] =>
  harness.ofType(sessionId, 'frame').map((event) => format(event.data))

const waitForFrames = (sessionId: string, count: number) => harness.waitForCount(sessionId, 'frame', count)

function run(
  command: string,
  args: string[],
): { child: ChildProcessWithoutNullStreams; stdout: ByteCollector } {
  const child = spawn(command, args)
  harness.track(child)
  const stdout = new ByteCollector()
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stdin.on('error', () => undefined)
  return { child, stdout }
}

async function firstLine(stdout: ByteCollector, what: string): Promise<string> {
  await within(
    (async () => {
      while (!stdout.bytes.includes(0x0a)) await stdout.waitForBytes(stdout.byteLength + 1, what)
    })(),
    what,
  )
  return stdout.bytes.toString().split('\n')[0]
}

// Writes each hex chunk with TCP_NODELAY and a pause after it, so the frames cross read boundaries.
const PYTHON_CHUNK_SENDER = `
import binascii, socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
for chunk in sys.argv[2:]:
    s.sendall(binascii.unhexlify(chunk))
    time.sleep(0.03)
s.close()
`

// A Modbus/TCP-shaped server: reads MBAP requests (read holding registers) by their length field and answers
// each in three writes cut at awkward places, with pauses between them.
const PYTHON_MODBUS_SERVER = `
import socket, struct, sys, time
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(1)
print(server.getsockname()[1], flush=True)
conn, _ = server.accept()
conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
buf = b''
def read_exact(n):
    global buf
    while len(buf) < n:
        more = conn.recv(4096)
        if not more:
            sys.exit(0)
        buf += more
    out, buf = buf[:n], buf[n:]
    return out
while True:
    tid, pid, length, unit = struct.unpack('>HHHB', read_exact(7))
    function, start, count = struct.unpack('>BHH', read_exact(length - 1))
    body = struct.pack('>BB', function, 2 * count) + bytes((start + i) & 0xff for i in range(2 * count))
    response = struct.pack('>HHHB', tid, 0, len(body) + 1, unit) + body
    for part in (response[:3], response[3:8], response[8:]):
        conn.sendall(part)
        time.sleep(0.02)
`

/** The request and the answer PYTHON_MODBUS_SERVER gives it. */
function modbusExchange(
  transaction: number,
  start: number,
  count: number,
): { request: Buffer; response: Buffer } {
  const request = Buffer.alloc(12)
  request.writeUInt16BE(transaction, 0)
  request.writeUInt16BE(0, 2)
  request.writeUInt16BE(6, 4)
  request.writeUInt8(1, 6)
  request.writeUInt8(3, 7)
  request.writeUInt16BE(start, 8)
  request.writeUInt16BE(count, 10)
  const values = Buffer.from(Array.from({ length: 2 * count }, (_, index) => (start + index) & 0xff))
  const header = Buffer.alloc(9)
  header.writeUInt16BE(transaction, 0)
  header.writeUInt16BE(0, 2)
  header.writeUInt16BE(3 + values.length, 4)
  header.writeUInt8(1, 6)
  header.writeUInt8(3, 7)
  header.writeUInt8(values.length, 8)
  return { request, response: Buffer.concat([header, values]) }
}

needs('python3').describe('framing against python3 peers', () => {
  it('a TCP server with a u16 BE length prefix: frames split at awkward places with pauses', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'length', field: 'u16be' },
    })
    const frames = ['0003616263', '0000', '000a30313233343536373839']
    const stream = frames.join('')
    // Cut inside the length field, right after it, and inside bodies.
    const cuts = [1, 3, 4, 7, 12, 18]
    const chunks = [0, ...cuts].map((start, index) => stream.slice(start * 2, (cuts[index] ?? Infinity) * 2))
    const sender = run('python3', ['-c', PYTHON_CHUNK_SENDER, String(port), ...chunks])
    await waitForFrames(id, 3)
    await harness.waitFor(id, 'close', (event) => event.scope === 'connection')
    expect(framesOf(id)).toEqual(frames)
    expect(hex(harness.received(id))).toBe(stream)
    expect(harness.engine.stats(id)).toMatchObject({ bytesIn: stream.length / 2, framesIn: 3 })
    expect(harness.ofType(id, 'error')).toEqual([])
    expect(
      await within(new Promise((resolve) => sender.child.once('exit', resolve)), 'python3 to exit'),
    ).toBe(0)
  })

  it('a Modbus/TCP-shaped exchange: a TCP client with MBAP framing (offset 4, u16 BE) gets one frame per response', async () => {
    const server = run('python3', ['-c', PYTHON_MODBUS_SERVER])
    const port = Number(await firstLine(server.stdout, 'the python3 Modbus server to print its port'))
    const { id } = await open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port,
      framing: { mode: 'length', field: 'u16be', offset: 4 },
    })
    const exchanges = [modbusExchange(1, 0, 3), modbusExchange(2, 0x10, 10)]
    for (const [index, { request }] of exchanges.entries()) {
      await harness.engine.send({ sessionId: id, data: new Uint8Array(request) })
      await waitForFrames(id, index + 1)
    }
    expect(framesOf(id)).toEqual(exchanges.map(({ response }) => hex(response)))
    expect(harness.ofType(id, 'received').length).toBeGreaterThanOrEqual(2)
  })
})

needs('socat').describe('framing against socat', () => {
  it('a TCP server with a CRLF delimiter: the delimiter itself split across reads', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\r\\n' },
    })
    const socat = await socatTcpClient('127.0.0.1', port)
    const pieces = ['hel', 'lo\r', '\nwor', 'ld\r', '\n\r', '\n']
    let sent = 0
    for (const piece of pieces) {
      socat.write(Buffer.from(piece, 'latin1'))
      sent += piece.length
      // Each piece is its own read: the next is written only once this one arrived.
      await harness.waitForReceived(id, sent)
    }
    expect(harness.ofType(id, 'received').map((event) => text(event.data))).toEqual(pieces)
    expect(framesOf(id, text)).toEqual(['hello', 'world', ''])
    await socat.stop()
  })
})

needs('ncat').describe('framing against ncat', () => {
  it('ncat --crlf sends lines; a CRLF-delimited TCP server shows one frame per line', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\r\\n' },
    })
    const ncat = run('ncat', ['--crlf', '--send-only', '127.0.0.1', String(port)])
    ncat.child.stdin.end('first line\nsecond\n')
    await harness.waitFor(id, 'close', (event) => event.scope === 'connection')
    expect(text(harness.received(id))).toBe('first line\r\nsecond\r\n')
    expect(framesOf(id, text)).toEqual(['first line', 'second'])
    expect(harness.ofType(id, 'error')).toEqual([])
  })
})

describe('framing problems are error rows; the session carries on', () => {
  it('an over-long frame is reported with its size and skipped; the next frame arrives', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 16 },
    })
    const client = await nodeTcpClient('127.0.0.1', port)
    harness.track(client)
    client.socket.write(`${'x'.repeat(40_000)}\nok\n`)
    await waitForFrames(id, 1)
    const [error] = harness.ofType(id, 'error')
    expect(error?.connectionId).toBe('c1')
    expect(error?.error.code).toBe(OwnErrorCode.frameTooLong)
    expect(error?.error.message).toContain('40,000 bytes')
    expect(framesOf(id, text)).toEqual(['ok'])
    expect(harness.engine.get(id).state).toBe('listening')
  })

  it('a stream that ends mid-frame is reported as an incomplete frame before the connection closes', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'length', field: 'u8' },
    })
    const client = await nodeTcpClient('127.0.0.1', port)
    client.socket.end(Buffer.from([2, 0x61, 0x62, 9, 0x63]))
    await harness.waitFor(id, 'close', (event) => event.scope === 'connection')
    expect(framesOf(id, text)).toEqual(['\x02ab'])
    const types = harness.typesOf(id, 'c1')
    expect(types.slice(types.indexOf('end'))).toEqual(['end', 'error', 'close'])
    const [error] = harness.ofType(id, 'error')
    expect(error?.error.code).toBe(OwnErrorCode.frameIncomplete)
    expect(error?.error.message).toContain('incomplete frame, 2 bytes')
  })

  it('a length field shorter than its header is reported; the next header is read after it', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'length', field: 'u8', adjust: -2 },
    })
    const client = await nodeTcpClient('127.0.0.1', port)
    harness.track(client)
    client.socket.write(Buffer.from([1, 3, 0x61]))
    await waitForFrames(id, 1)
    expect(framesOf(id)).toEqual(['0361'])
    const [error] = harness.ofType(id, 'error')
    expect(error?.error.code).toBe(OwnErrorCode.frameLength)
    expect(error?.error.message).toContain('a frame of 0 bytes, shorter than its own header')
  })

  it('a TCP client: the idle gap ends a frame once the line is quiet', async () => {
    const server = await nodeTcpServer('127.0.0.1')
    const { id } = await open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: server.port,
      framing: { mode: 'idle', gapMs: 40 },
    })
    const peer = await server.nextPeer()
    peer.socket.write('ab')
    peer.socket.write('c')
    await waitForFrames(id, 1)
    peer.socket.write('def')
    await waitForFrames(id, 2)
    expect(framesOf(id, text)).toEqual(['abc', 'def'])
    expect(harness.engine.stats(id)).toMatchObject({ bytesIn: 6, framesIn: 2 })
    await server.close()
  })
})

describe('UDP frames each datagram on its own', () => {
  it('several frames from one datagram; what it leaves over is reported at once', async () => {
    const { id, port } = await open({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\n' },
    })
    const peer = await nodeUdpPeer('127.0.0.1')
    peer.socket.send('a\nb\nrest', port, '127.0.0.1')
    await harness.waitFor(id, 'error')
    peer.socket.send('c\n', port, '127.0.0.1')
    await waitForFrames(id, 3)
    expect(framesOf(id, text)).toEqual(['a', 'b', 'c'])
    const [error] = harness.ofType(id, 'error')
    expect(error?.error.code).toBe(OwnErrorCode.frameIncomplete)
    expect(error?.error.message).toBe('a datagram ended in the middle of a frame: incomplete frame, 4 bytes')
    expect(harness.ofType(id, 'frame')[0]?.remote).toEqual({
      address: '127.0.0.1',
      port: peer.port,
      family: 'IPv4',
    })
    expect(harness.engine.stats(id)).toMatchObject({ messagesIn: 2, framesIn: 3 })
    await peer.close()
  })
})

describe("the frames of one read travel as one batched 'frames' engine event", () => {
  /** The engine's own events of a session, as its subscribers get them (frames batched); the engine is this test's. */
  function engineEvents(sessionId: string): EngineEvent[] {
    const events: EngineEvent[] = []
    harness.engine.subscribe((event) => {
      if (event.sessionId === sessionId) events.push(event)
    })
    return events
  }

  const u16Frame = (payload: string): Buffer =>
    Buffer.concat([Buffer.from([0, payload.length]), Buffer.from(payload)])

  it('N frames in one write: N frame rows in order, numbered in turn, counted; an error row keeps its place among them', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'length', field: 'u16be', maxFrameBytes: 64 },
    })
    const batched = engineEvents(id)
    const before = Array.from({ length: 30 }, (_, index) => `before ${index}`)
    const after = Array.from({ length: 30 }, (_, index) => `after ${index}`)
    const tooLong = Buffer.concat([Buffer.from([0, 100]), Buffer.alloc(100, 0x78)])
    const client = await nodeTcpClient('127.0.0.1', port)
    harness.track(client)
    client.socket.write(Buffer.concat([...before.map(u16Frame), tooLong, ...after.map(u16Frame)]))
    await waitForFrames(id, 60)
    expect(framesOf(id, (bytes) => text(bytes.subarray(2)))).toEqual([...before, ...after])
    const types = harness.typesOf(id, 'c1').filter((type) => type === 'frame' || type === 'error')
    expect(types).toEqual([...before.map(() => 'frame'), 'error', ...after.map(() => 'frame')])
    // Rows numbered as if each frame had been an event of its own: no gaps, no repeats.
    const seqs = harness.of(id).map((event) => event.seq)
    expect(seqs).toEqual(seqs.map((_, index) => seqs[0]! + index))
    expect(harness.engine.stats(id).framesIn).toBe(60)
    // Fewer engine events than frames: each read's frames went as one (two around the error row).
    const framesEvents = batched.filter((event) => event.type === 'frames')
    expect(framesEvents.reduce((sum, event) => sum + event.count, 0)).toBe(60)
    expect(framesEvents.length).toBeLessThan(60)
  })

  it('auto-reply still answers each frame of one read, its rule row right after that frame', async () => {
    const { id, port } = await open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      framing: { mode: 'delimiter', delimiter: '\\n' },
      autoReply: { rules: [{ matchType: 'exact', match: 'ping', reply: 'pong\\n' }] },
    })
    const client = await nodeTcpClient('127.0.0.1', port)
    harness.track(client)
    client.socket.write('ping\nother\nping\n')
    expect((await client.received.waitForBytes(10, 'two pongs')).toString()).toBe('pong\npong\n')
    const types = harness.typesOf(id, 'c1').filter((type) => type === 'frame' || type === 'rule')
    expect(types).toEqual(['frame', 'rule', 'frame', 'frame', 'rule'])
    expect(framesOf(id, text)).toEqual(['ping', 'other', 'ping'])
  })
})
