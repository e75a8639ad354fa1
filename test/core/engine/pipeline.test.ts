import { once } from 'node:events'
import { createServer, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  composeInbound,
  plainPipeline,
  type FrameSink,
  type FramingStage,
  type InboundStage,
  type Pipeline,
} from '../../../electron/core/engine/pipeline'
import { TcpConnection } from '../../../electron/core/engine/tcp-connection'
import { TrafficCounter } from '../../../electron/core/engine/traffic-counter'
import {
  Limits,
  createFramer,
  framingSchema,
  openSessionRequestSchema,
  walkFrameBatch,
  type Endpoint,
  type FrameBatch,
} from '../../../electron/shared'
import { ByteCollector, nodeTcpClient, nodeUdpPeer } from '../../helpers/peers'
import { EngineHarness } from './harness'

// The engine's pipeline seam: raw chunks as 'received' rows, stages that cut messages out of them ('frame' rows),
// stages that answer the messages (auto-reply) and a per-send rewrite (templates) — exercised here with stand-in
// stages against plain Node peers. The session's own framing is tested in framing-engine.test.ts.

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')

/** Cuts a byte stream at '\n' (a stand-in for framing): state per connection, independent of chunking. */
function lineStage(): InboundStage & { ended: string[] } {
  let pending = Buffer.alloc(0)
  const ended: string[] = []
  return {
    ended,
    push(data, remote, next) {
      pending = Buffer.concat([pending, data])
      for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10)) {
        next(pending.subarray(0, end), remote)
        pending = pending.subarray(end + 1)
      }
    },
    end: (next) => {
      ended.push(text(pending))
      if (pending.length > 0) next(pending, undefined)
    },
  }
}

describe('composeInbound', () => {
  it('is the chunk sink itself when there are no stages', () => {
    const chunk = (): void => undefined
    expect(composeInbound({ shape: [], react: [] }, { chunk, frames: chunk, message: chunk }).receive).toBe(
      chunk,
    )
  })

  const recorder = (seen: string[]) => ({
    chunk: (data: Uint8Array) => seen.push(`chunk ${JSON.stringify(text(data))}`),
    frames: (batch: FrameBatch, from: number, to: number) =>
      seen.push(
        `frames ${[...batch.starts.subarray(from, to)].map((start, index) => text(batch.chunk.subarray(start, batch.ends[from + index]))).join(',')}`,
      ),
    message: (data: Uint8Array) => seen.push(`message ${text(data)}`),
  })

  it('delivers each chunk first, then the messages shaping stages cut from it, each followed by the reacting stages', () => {
    const seen: string[] = []
    const upper: InboundStage = {
      push: (data, remote, next) => next(Buffer.from(text(data).toUpperCase()), remote),
    }
    const inbound = composeInbound(
      { shape: [lineStage(), upper], react: [(data) => seen.push(`react ${text(data)}`)] },
      recorder(seen),
    )
    inbound.receive(Buffer.from('ab\ncd'), undefined)
    inbound.receive(Buffer.from('\n'), undefined)
    expect(seen).toEqual([
      'chunk "ab\\ncd"',
      'message AB',
      'react AB',
      'chunk "\\n"',
      'message CD',
      'react CD',
    ])
  })

  it('reacting stages see the chunks when nothing shapes them', () => {
    const seen: string[] = []
    const inbound = composeInbound(
      { shape: [], react: [(data) => seen.push(`react ${text(data)}`)] },
      recorder(seen),
    )
    inbound.receive(Buffer.from('x'), undefined)
    expect(seen).toEqual(['chunk "x"', 'react x'])
  })

  /** A stand-in for the session's framing: the framer cuts at '\n' (frames of a chunk as one batch), held bytes as one frame. */
  const lineFraming = (): FramingStage => {
    const framer = createFramer(framingSchema.parse({ mode: 'delimiter', delimiter: '\\n' }))!
    const handOn = (batch: FrameBatch, next: FrameSink): void =>
      walkFrameBatch(
        batch,
        (from, to) => next.frames(batch, from, to, undefined),
        (output) => output.type === 'frame' && next.frame(output.bytes, undefined),
      )
    return {
      push: (data, _remote, next) => handOn(framer.push(data), next),
      end: (next) => handOn(framer.flush(), next),
    }
  }

  it("hands the session's framing's frames of one read to the frames sink at once while nothing reacts", () => {
    const seen: string[] = []
    const inbound = composeInbound({ shape: [], react: [] }, recorder(seen), lineFraming())
    inbound.receive(Buffer.from('ab\ncd\ne'), undefined)
    inbound.receive(Buffer.from('f\ng\n'), undefined)
    expect(seen).toEqual([
      'chunk "ab\\ncd\\ne"',
      'frames ab,cd',
      'chunk "f\\ng\\n"',
      'message ef',
      'frames g',
    ])
  })

  it('cuts the frames out one by one, each followed by the reacting stages, while a reacting stage acts', () => {
    const seen: string[] = []
    let reacting = true
    const inbound = composeInbound(
      { shape: [], react: [(data) => seen.push(`react ${text(data)}`)], reacting: () => reacting },
      recorder(seen),
      lineFraming(),
    )
    inbound.receive(Buffer.from('a\nb\n'), undefined)
    reacting = false
    inbound.receive(Buffer.from('c\nd\n'), undefined)
    expect(seen).toEqual([
      'chunk "a\\nb\\n"',
      'message a',
      'react a',
      'message b',
      'react b',
      'chunk "c\\nd\\n"',
      'frames c,d',
    ])
  })

  it('ends every shaping stage in order once the stream ends; what one hands on passes the later ones', () => {
    const seen: string[] = []
    const passOn = (name: string): InboundStage => ({
      push: (data, remote, next) => next(data, remote),
      end: () => seen.push(`end ${name}`),
    })
    const lines = lineStage()
    const inbound = composeInbound({ shape: [lines, passOn('second')], react: [] }, recorder(seen))
    inbound.receive(Buffer.from('a\nb'), undefined)
    inbound.end()
    expect(lines.ended).toEqual(['b'])
    expect(seen).toEqual(['chunk "a\\nb"', 'message a', 'message b', 'end second'])
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

  it('TCP server: raw chunks as received rows and one frame row per message, counted apart; replies go to the sender', async () => {
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
    const frames = harness.ofType(server.id, 'frame').map((event) => [event.connectionId, text(event.data)])
    expect(frames).toEqual([
      ['c1', 'hello'],
      ['c1', 'world'],
    ])
    const chunks = harness.ofType(server.id, 'received')
    expect(chunks.map((event) => text(event.data)).join('')).toBe('hello\nworld\n')
    expect(harness.engine.stats(server.id)).toMatchObject({
      bytesIn: 12,
      messagesIn: chunks.length,
      framesIn: 2,
      messagesOut: 2,
    })
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
