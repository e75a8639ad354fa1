import { afterEach, describe, expect, it } from 'vitest'
import { nodeUdpPeer, pythonUdpEcho, type NodeUdpPeer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { openRelay } from './relay-kit'

// A UDP relay in front of python3's echo: each client endpoint gets its own upstream socket, so replies go back to
// the client that caused them, and a mapping left silent is forgotten.

describe('UDP relay', () => {
  let harness: EngineHarness
  const peers: NodeUdpPeer[] = []
  afterEach(async () => {
    await harness.dispose()
    await Promise.all(peers.splice(0).map((peer) => peer.close()))
  })

  const client = async (): Promise<NodeUdpPeer> => {
    const peer = await nodeUdpPeer('127.0.0.1')
    peers.push(peer)
    return peer
  }

  needs('python3').it(
    'routes each reply back to the client that sent the request, two clients at once',
    async () => {
      harness = new EngineHarness()
      const echo = await pythonUdpEcho('127.0.0.1')
      harness.track(echo.peer.child)
      const relay = await openRelay(harness, echo.port, { udp: true })
      const [alice, bob] = [await client(), await client()]
      alice.socket.send('from alice', relay.port, '127.0.0.1')
      bob.socket.send('from bob', relay.port, '127.0.0.1')
      alice.socket.send('alice again', relay.port, '127.0.0.1')
      expect((await alice.nextMessage()).data.toString()).toBe('from alice')
      expect((await alice.nextMessage()).data.toString()).toBe('alice again')
      const toBob = await bob.nextMessage()
      expect(toBob.data.toString()).toBe('from bob')
      expect(toBob.from.port).toBe(relay.port)
      const info = harness.engine.get(relay.id)
      expect(info.connections.map((mapping) => mapping.remote.port).sort()).toEqual(
        [alice.port, bob.port].sort(),
      )
      const upstreamPorts = new Set(info.connections.map((mapping) => mapping.upstream!.remote.port))
      expect(upstreamPorts).toEqual(new Set([echo.port]))
      const rows = harness.ofType(relay.id, 'sent')
      expect(rows.filter((row) => row.direction === 'to-client')).toHaveLength(3)
      expect(rows.filter((row) => row.direction === 'to-upstream')).toHaveLength(3)
    },
  )

  it('forgets a silent mapping after its idle timeout and maps the client afresh', async () => {
    harness = new EngineHarness()
    const upstream = await client()
    const relay = await openRelay(harness, upstream.port, { udp: true, idleTimeoutMs: 200 })
    const sender = await client()
    sender.socket.send('first', relay.port, '127.0.0.1')
    const first = await upstream.nextMessage()
    expect(first.data.toString()).toBe('first')
    upstream.socket.send('reply', first.from.port, '127.0.0.1')
    expect((await sender.nextMessage()).data.toString()).toBe('reply')
    const closed = await harness.waitFor(relay.id, 'close', (event) => event.scope === 'connection')
    expect(closed).toMatchObject({ cause: 'timeout', connectionId: 'c1' })
    expect(harness.engine.get(relay.id).connections).toEqual([])
    sender.socket.send('second', relay.port, '127.0.0.1')
    const second = await upstream.nextMessage()
    expect(second.data.toString()).toBe('second')
    // A new mapping: a new socket towards the upstream.
    expect(second.from.port).not.toBe(first.from.port)
    expect(harness.engine.get(relay.id).connections.map((mapping) => mapping.id)).toEqual(['c2'])
  })
})
