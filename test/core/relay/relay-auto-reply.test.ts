import { afterEach, describe, expect, it } from 'vitest'
import { autoReplySchema, type OpenSessionRequest } from '../../../electron/shared'
import type { AutoReplyInput } from '../../../electron/shared/auto-reply'
import {
  nodeTcpClient,
  nodeTcpServer,
  nodeUdpPeer,
  within,
  type NodeTcpServer,
  type NodeUdpPeer,
} from '../../helpers/peers'
import { EngineHarness } from '../engine/harness'

// Issue 19: on a relay, "framing and auto-reply apply per direction". Each direction of each pair is cut into
// frames on its own, and a rule that matches answers the side that sent the match; the message still goes on.

const pingPong: AutoReplyInput = { rules: [{ matchType: 'exact', match: 'PING', reply: 'PONG {{counter}}' }] }

describe('relay auto-reply, per direction', () => {
  let harness: EngineHarness
  let server: NodeTcpServer | undefined
  const udpPeers: NodeUdpPeer[] = []
  afterEach(async () => {
    await harness.dispose()
    await server?.close()
    server = undefined
    await Promise.all(udpPeers.splice(0).map((peer) => peer.close()))
  })

  it('TCP: a framed PING from either side is answered to that side and still forwarded', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await harness.openRequest({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: server.port,
      framing: { mode: 'delimiter', delimiter: '\\n' },
      autoReply: pingPong,
    } satisfies OpenSessionRequest)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    client.socket.setNoDelay(true)
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    // Split where TCP may split it: only the frame "PING" matches, not its pieces.
    client.socket.write('PI')
    await harness.waitForReceived(relay.id, 2)
    client.socket.write('NG\n')
    expect((await client.received.waitForBytes(6)).toString()).toBe('PONG 1')
    expect((await upstream.received.waitForBytes(5)).toString()).toBe('PING\n')

    upstream.socket.write('PING\n')
    expect((await upstream.received.waitForBytes(11)).toString()).toBe('PING\nPONG 2')
    expect((await client.received.waitForBytes(11)).toString()).toBe('PONG 1PING\n')
    const rules = harness.ofType(relay.id, 'rule').map((event) => `${event.rule} ${event.connectionId}`)
    expect(rules).toEqual(['1 c1', '1 c1'])
    const replies = harness
      .ofType(relay.id, 'sent')
      .filter((event) => Buffer.from(event.data).toString().startsWith('PONG'))
      .map((event) => `${event.leg} ${event.direction}`)
    expect(replies).toEqual(['client to-client', 'upstream to-upstream'])
  })

  it('TCP: rules set on the open relay apply from then on', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1')
    const relay = await harness.openRequest({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: server.port,
    })
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    harness.engine.setAutoReply({ sessionId: relay.id, autoReply: autoReplySchema.parse(pingPong) })
    client.socket.write('PING')
    expect((await client.received.waitForBytes(6)).toString()).toBe('PONG 1')
    expect((await upstream.received.waitForBytes(4)).toString()).toBe('PING')
    expect(harness.engine.get(relay.id).options).toMatchObject({ autoReply: { rules: [{ match: 'PING' }] } })
  })

  it('UDP: a datagram that matches is answered to its sender, the client or the upstream', async () => {
    harness = new EngineHarness()
    const upstream = await nodeUdpPeer('127.0.0.1')
    const client = await nodeUdpPeer('127.0.0.1')
    udpPeers.push(upstream, client)
    const relay = await harness.openRequest({
      kind: 'udp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: upstream.port,
      autoReply: pingPong,
    })
    const datagram = (peer: NodeUdpPeer, what: string) =>
      within(
        new Promise<{ text: string; port: number }>((resolve) =>
          peer.socket.once('message', (data, rinfo) => resolve({ text: data.toString(), port: rinfo.port })),
        ),
        what,
      )
    const answer = datagram(client, 'the answer at the client')
    const forwarded = datagram(upstream, 'the forwarded PING')
    client.socket.send('PING', relay.port, '127.0.0.1')
    expect((await answer).text).toBe('PONG 1')
    const { text, port: mappedPort } = await forwarded
    expect(text).toBe('PING')
    const upstreamAnswer = datagram(upstream, 'the answer at the upstream')
    const toClient = datagram(client, 'the forwarded PING at the client')
    upstream.socket.send('PING', mappedPort, '127.0.0.1')
    expect((await upstreamAnswer).text).toBe('PONG 2')
    expect(await toClient).toEqual({ text: 'PING', port: relay.port })
  })
})
