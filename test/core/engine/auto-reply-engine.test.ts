import { autoReplyOf } from '../../../electron/shared/schemas'
import { spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  OwnErrorCode,
  autoReplySchema,
  type AutoReplyInput,
  type OpenSessionRequest,
} from '../../../electron/shared'
import {
  ByteCollector,
  nodeTcpClient,
  nodeUdpPeer,
  socatTcpClient,
  socatUdpClient,
  within,
  type NodeTcpPeer,
} from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from './harness'

// Auto-reply in the engine: the first enabled rule that matches a message (a frame with framing, else a chunk or
// datagram) answers with an ordinary send to whoever sent it; echo answers the rest; each rule counts its matches.
// Clients are programs we did not write (ncat, socat, python3) or plain Node sockets.

let harness: EngineHarness

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
})

const lines = { mode: 'delimiter', delimiter: '\\n' } as const

function server(autoReply: AutoReplyInput, extra: Partial<OpenSessionRequest> = {}) {
  return harness.openRequest({
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 0,
    autoReply,
    ...extra,
  } as OpenSessionRequest)
}

const sentTexts = (sessionId: string, connectionId?: string): string[] =>
  harness.ofType(sessionId, 'sent', connectionId).map((event) => Buffer.from(event.data).toString())

const matches = (sessionId: string): number[] | undefined => harness.engine.stats(sessionId).autoReplyMatches

/** Reads what a Node client received until it holds `text`. */
async function receivedText(peer: NodeTcpPeer, text: string): Promise<string> {
  await peer.received.waitForBytes(Buffer.byteLength(text), `'${text}' at the client`)
  return peer.received.bytes.toString()
}

needs('ncat', 'socat').describe('lines from outside clients', () => {
  it('an ncat client sends lines and gets the Contains rule reply for each line that matches', async () => {
    const { id, port } = await server(
      { rules: [{ matchType: 'contains', match: 'ping', reply: 'pong\\n' }] },
      { framing: lines },
    )
    const ncat = spawn('ncat', ['127.0.0.1', String(port)])
    harness.track(ncat)
    const stdout = new ByteCollector()
    ncat.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    ncat.stdin.write('ping\nhello\nping me again\n')
    await stdout.waitForBytes(10, 'two pongs at ncat')
    expect(stdout.bytes.toString()).toBe('pong\npong\n')
    expect(matches(id)).toEqual([2])
    // The replies are ordinary sends: rows on the connection, counted.
    await harness.waitForCount(id, 'sent', 2)
    expect(sentTexts(id, 'c1')).toEqual(['pong\n', 'pong\n'])
    expect(harness.engine.stats(id)).toMatchObject({ bytesOut: 10, messagesOut: 2, framesIn: 3 })
  })

  it('a socat client: rule order decides, a disabled rule is passed over, the counters say who answered', async () => {
    const { id, port } = await server(
      {
        rules: [
          { matchType: 'exact', match: 'a', reply: 'exact a\\n' },
          { matchType: 'contains', match: 'a', reply: 'has a\\n' },
          { matchType: 'prefix', match: 'b', reply: 'never\\n', enabled: false },
          { matchType: 'suffix', match: 'b', reply: 'ends b\\n' },
        ],
      },
      { framing: lines },
    )
    const socat = harness.track((await socatTcpClient('127.0.0.1', port)).child)
    const stdout = new ByteCollector()
    socat.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk))
    socat.stdin!.write('a\nba\nb\nc\nab\n')
    const expected = 'exact a\nhas a\nends b\nhas a\n'
    await stdout.waitForBytes(expected.length, 'four replies at socat')
    expect(stdout.bytes.toString()).toBe(expected)
    expect(matches(id)).toEqual([1, 2, 0, 1])
  })
})

needs('python3').describe('regex captures', () => {
  it('a python3 client gets its captures back in the reply', async () => {
    const { id, port } = await server(
      {
        rules: [
          { matchType: 'regex', match: '^GET (\\w+) (\\d+)?$', reply: 'VALUE {{1}}=[{{2}}] {{0}}\\r\\n' },
        ],
      },
      { framing: { mode: 'delimiter', delimiter: '\\r\\n' } },
    )
    const script = `
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'GET temp 21\\r\\nGET fan \\r\\n')
data = b''
while data.count(b'\\r\\n') < 2:
    data += s.recv(4096)
sys.stdout.write(data.decode())
`
    const python = spawn('python3', ['-c', script, String(port)])
    harness.track(python)
    const stdout = new ByteCollector()
    python.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    python.stdout.on('end', () => stdout.end())
    await within(stdout.waitForEnd(), 'python3 to print the replies')
    expect(stdout.bytes.toString()).toBe('VALUE temp=[21] GET temp 21\r\nVALUE fan=[] GET fan \r\n')
    expect(matches(id)).toEqual([2])
  })
})

describe('where a reply goes', () => {
  it('on a TCP server, to the connection that sent the match and no other', async () => {
    const { id, port } = await server({ rules: [{ matchType: 'prefix', match: 'who', reply: 'you\\n' }] })
    const first = harness.track(await nodeTcpClient('127.0.0.1', port))
    const second = harness.track(await nodeTcpClient('127.0.0.1', port))
    await harness.waitForCount(id, 'accept', 2)
    second.socket.write('who?')
    expect(await receivedText(second, 'you\n')).toBe('you\n')
    await harness.waitForCount(id, 'sent', 1)
    expect(first.received.byteLength).toBe(0)
    expect(sentTexts(id, 'c2')).toEqual(['you\n'])
    expect(sentTexts(id, 'c1')).toEqual([])
  })

  it('on UDP, to the address of the datagram that matched', async () => {
    const { id, port } = await harness.openRequest({
      kind: 'udp',
      host: '127.0.0.1',
      autoReply: {
        rules: [{ matchType: 'hex', match: '01 ?? 03', reply: '06 {{0}}', replyEncoding: 'hex' }],
      },
    })
    const one = await nodeUdpPeer('127.0.0.1')
    const two = await nodeUdpPeer('127.0.0.1')
    try {
      two.socket.send(Uint8Array.of(1, 0x42, 3), port, '127.0.0.1')
      const reply = await two.nextMessage()
      expect([...reply.data]).toEqual([6])
      one.socket.send(Uint8Array.of(1, 0x43, 3, 9), port, '127.0.0.1')
      expect([...(await one.nextMessage()).data]).toEqual([6])
      const sent = harness.ofType(id, 'sent')
      expect(sent.map((event) => event.remote?.port)).toEqual([two.port, one.port])
      expect(matches(id)).toEqual([2])
    } finally {
      await one.close()
      await two.close()
    }
  })

  needs('socat').it('a socat UDP client gets each datagram echoed back', async () => {
    const { id, port } = await harness.openRequest({
      kind: 'udp',
      host: '127.0.0.1',
      autoReply: { echo: true },
    })
    const socat = await socatUdpClient('127.0.0.1', port)
    harness.track(socat.child)
    socat.write(Buffer.from('hello over udp'))
    await socat.stdout.waitForBytes(14, 'the echo at socat')
    expect(socat.stdout.bytes.toString()).toBe('hello over udp')
    expect(matches(id)).toBeUndefined()
  })

  it('as a TCP client, to the server it is connected to', async () => {
    const { createServer } = await import('node:net')
    const peerServer = createServer()
    const accepted = new Promise<import('node:net').Socket>((resolve) =>
      peerServer.once('connection', resolve),
    )
    await new Promise<void>((resolve) => peerServer.listen(0, '127.0.0.1', resolve))
    try {
      await harness.openRequest({
        kind: 'tcp-client',
        host: '127.0.0.1',
        port: (peerServer.address() as { port: number }).port,
        autoReply: { rules: [{ matchType: 'exact', match: 'HELLO', reply: 'LOGIN me' }] },
      })
      const socket = await accepted
      const got = new ByteCollector()
      socket.on('data', (chunk: Buffer) => got.push(chunk))
      socket.write('HELLO')
      await got.waitForBytes(8, 'the login at the server')
      expect(got.bytes.toString()).toBe('LOGIN me')
      socket.destroy()
    } finally {
      peerServer.close()
    }
  })
})

describe('echo, delays and changes on an open session', () => {
  it('echo answers each chunk a client sends with itself; rules answer first', async () => {
    const { id, port } = await server({
      rules: [{ matchType: 'exact', match: 'special', reply: 'SPECIAL' }],
      echo: true,
    })
    const client = harness.track(await nodeTcpClient('127.0.0.1', port))
    client.socket.write('plain')
    await receivedText(client, 'plain')
    client.socket.write('special')
    expect(await receivedText(client, 'plainSPECIAL')).toBe('plainSPECIAL')
    expect(matches(id)).toEqual([1])
  })

  it('a delayed reply arrives after its delay; closing the session drops what is still waiting', async () => {
    const { id, port } = await server({
      rules: [
        { matchType: 'exact', match: 'soon', reply: 'now', delayMs: 30 },
        { matchType: 'exact', match: 'late', reply: 'too late', delayMs: 60_000 },
      ],
    })
    const client = harness.track(await nodeTcpClient('127.0.0.1', port))
    client.socket.write('soon')
    expect(await receivedText(client, 'now')).toBe('now')
    client.socket.write('late')
    await harness.waitFor(id, 'received', (event) => Buffer.from(event.data).toString() === 'late')
    await harness.engine.close(id)
    expect(matches(id)).toEqual([1, 1])
    expect(sentTexts(id)).toEqual(['now'])
  })

  it('session:set-auto-reply replaces the rules of an open session and restarts the counters', async () => {
    const { id, port } = await server({ rules: [{ matchType: 'contains', match: 'x', reply: 'old' }] })
    const client = harness.track(await nodeTcpClient('127.0.0.1', port))
    client.socket.write('x')
    await receivedText(client, 'old')
    const info = harness.engine.setAutoReply({
      sessionId: id,
      autoReply: autoReplySchema.parse({
        rules: [
          { matchType: 'contains', match: 'y', reply: 'new y' },
          { matchType: 'contains', match: 'x', reply: 'new x' },
        ],
      }),
    })
    expect(autoReplyOf(info.options)?.rules.map((rule) => rule.reply)).toEqual(['new y', 'new x'])
    expect(info.stats.autoReplyMatches).toEqual([0, 0])
    client.socket.write('x')
    expect(await receivedText(client, 'oldnew x')).toBe('oldnew x')
    expect(matches(id)).toEqual([0, 1])
  })

  it('refuses a rule whose reply cannot be read, with its number and position, and changes nothing', async () => {
    const { id } = await server({ rules: [{ matchType: 'contains', match: 'x', reply: 'ok' }] })
    const before = harness.engine.get(id).options
    const refusal = (() => {
      try {
        harness.engine.setAutoReply({
          sessionId: id,
          autoReply: autoReplySchema.parse({
            rules: [
              { matchType: 'contains', match: 'a', reply: 'fine' },
              { matchType: 'contains', match: 'b', reply: '06 {{1}} 0g', replyEncoding: 'hex' },
            ],
          }),
        })
      } catch (thrown) {
        return thrown as { code: string; message: string }
      }
      throw new Error('accepted a bad reply')
    })()
    expect(refusal.code).toBe(OwnErrorCode.invalidRequest)
    expect(refusal.message).toBe("auto-reply rule 2: Reply: invalid hex digit 'g' at column 11")
    expect(harness.engine.get(id).options).toEqual(before)
  })

  it('refuses new rules on a closed session', async () => {
    const { id } = await server({ echo: true })
    await harness.engine.close(id)
    expect(() =>
      harness.engine.setAutoReply({ sessionId: id, autoReply: { rules: [], echo: false } }),
    ).toThrow(expect.objectContaining({ code: OwnErrorCode.wrongState }))
  })

  it('refuses to open a session with a bad reply: no session, no socket', async () => {
    await expect(server({ rules: [{ matchType: 'exact', match: 'a', reply: '\\q' }] })).rejects.toMatchObject(
      { code: OwnErrorCode.invalidRequest, message: expect.stringContaining('rule 1: Reply:') },
    )
    expect(harness.engine.list()).toEqual([])
  })
})
