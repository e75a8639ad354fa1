import { once } from 'node:events'
import { createServer, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  composeInbound,
  plainPipeline,
  type InboundStage,
  type Pipeline,
} from '../../../electron/core/engine/pipeline'
import { TcpConnection } from '../../../electron/core/engine/tcp-connection'
import { TrafficCounter } from '../../../electron/core/engine/traffic-counter'
import { Limits, openSessionRequestSchema, type Endpoint } from '../../../electron/shared'
import { ByteCollector, nodeTcpClient, nodeUdpPeer } from '../../helpers/peers'
import { EngineHarness } from './harness'

// The engine's pipeline seam: stages that re-cut what arrives (framing), stages that answer it (auto-reply) and
// a per-send rewrite (templates) — exercised here with stand-in stages against plain Node peers.

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')

/** Cuts a byte stream at '\n' (a stand-in for framing): state per connection, independent of chunking. */
function lineStage(): InboundStage {
  let pending = Buffer.alloc(0)
  return (data, remote, next) => {
    pending = Buffer.concat([pending, data])
    for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10)) {
      next(pending.subarray(0, end), remote)
      pending = pending.subarray(end + 1)
    }
  }
}

describe('composeInbound', () => {
  it('is the deliver function itself when there are no stages', () => {
    const deliver = (): void => undefined
    expect(composeInbound({ shape: [], react: [] }, deliver)).toBe(deliver)
  })

  it('runs shaping stages in order before delivery, and reacting stages after it', () => {
    const seen: string[] = []
    const upper: InboundStage = (data, remote, next) => next(Buffer.from(text(data).toUpperCase()), remote)
    const receive = composeInbound(
      { shape: [lineStage(), upper], react: [(data) => seen.push(`react ${text(data)}`)] },
      (data) => seen.push(`deliver ${text(data)}`),
    )
    receive(Buffer.from('ab\ncd'), undefined)
    receive(Buffer.from('\n'), undefined)
    expect(seen).toEqual(['deliver AB', 'react AB', 'deliver CD', 'react CD'])
  })
})

describe('the pipeline in the engine', () => {
  let harness: EngineHarness

  afterEach(async () => {
    await harness.dispose()
  })

  /** Lines in, each line answered with "ok <line>"; every send gets a '!' appended. */
  const linesAndAnswers: Pipeline = {
    inbound: (_options, context) => ({
      shape: [lineStage()],
      react: [
        (data, remote) => void context.reply(new Uint8Array(Buffer.from(`ok ${text(data)}\n`)), remote),
      ],
    }),
    outbound: (_options, data) => new Uint8Array(Buffer.concat([data, Buffer.from('!')])),
  }

  it('TCP server: one row per message however the bytes were split, counted as messages; replies go to the sender', async () => {
    harness = new EngineHarness({ pipeline: linesAndAnswers })
    const server = await harness.engine.open(
      openSessionRequestSchema.parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
    )
    const a = await nodeTcpClient('127.0.0.1', server.local!.port)
    const b = await nodeTcpClient('127.0.0.1', server.local!.port)
    a.socket.write('he')
    await harness.waitFor(server.id, 'accept', (event) => event.connectionId === 'c2')
    a.socket.write('llo\nwor')
    a.socket.write('ld\n')
    const answers = await a.received.waitForBytes(Buffer.byteLength('ok hello\nok world\n'))
    expect(text(answers)).toBe('ok hello\nok world\n')
    const rows = harness.ofType(server.id, 'received').map((event) => [event.connectionId, text(event.data)])
    expect(rows).toEqual([
      ['c1', 'hello'],
      ['c1', 'world'],
    ])
    expect(harness.engine.stats(server.id)).toMatchObject({ messagesIn: 2, messagesOut: 2 })
    expect(b.received.byteLength).toBe(0)
  })

  it('UDP: a datagram is answered at its sender; an ordinary send is rewritten by the outbound stage', async () => {
    harness = new EngineHarness({ pipeline: linesAndAnswers })
    const session = await harness.engine.open(
      openSessionRequestSchema.parse({ kind: 'udp', host: '127.0.0.1', port: 0 }),
    )
    const peer = await nodeUdpPeer('127.0.0.1')
    peer.socket.send('ping\n', session.local!.port, '127.0.0.1')
    expect(text((await peer.nextMessage()).data)).toBe('ok ping\n')
    await harness.engine.send({
      sessionId: session.id,
      data: Buffer.from('x'),
      remoteHost: '127.0.0.1',
      remotePort: peer.port,
    })
    expect(text((await peer.nextMessage()).data)).toBe('x!')
    await peer.close()
  })

  it('the plain pipeline leaves bytes as they are', async () => {
    harness = new EngineHarness({ pipeline: plainPipeline })
    const server = await harness.engine.open(
      openSessionRequestSchema.parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
    )
    const peer = await nodeTcpClient('127.0.0.1', server.local!.port)
    peer.socket.write('a\nb')
    expect(text(await harness.waitForReceived(server.id, 3))).toBe('a\nb')
  })
})

describe('TcpConnection pause and resume', () => {
  const sockets: Socket[] = []
  afterEach(() => sockets.splice(0).forEach((socket) => socket.destroy()))

  it('reads nothing while paused, and everything once resumed', async () => {
    const server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as { port: number }).port
    const accepted = once(server, 'connection')
    const peer = connect(port, '127.0.0.1')
    const [ours] = (await accepted) as [Socket]
    sockets.push(peer, ours)
    const remote: Endpoint = { address: '127.0.0.1', port: peer.localPort!, family: 'IPv4' }
    const received = new ByteCollector()
    const connection = new TcpConnection(ours, {
      sessionId: 's1',
      emit: () => undefined,
      emitData: () => undefined,
      receive: (data) => received.push(Buffer.from(data)),
      counter: new TrafficCounter(),
      remote,
      remoteOnData: true,
      halfOpen: false,
      maxQueuedBytes: Limits.defaultMaxQueuedBytes,
      onClosed: () => undefined,
    })
    connection.pause()
    expect(connection.isPaused).toBe(true)
    const sent = Buffer.alloc(64 * 1024, 1)
    await new Promise<void>((resolve) => peer.write(sent, () => resolve()))
    // Proving that nothing is read takes a wait: 100 ms is thousands of loopback round trips.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(received.byteLength).toBe(0)
    connection.resume()
    expect((await received.waitForBytes(sent.byteLength, 'the bytes held while paused')).equals(sent)).toBe(
      true,
    )
    server.close()
  })
})
