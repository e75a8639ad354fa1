import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { OwnErrorCode, type DataEvent } from '../../../electron/shared'
import {
  freeTcpPort,
  nodeTcpClient,
  nodeTcpServer,
  socatTcpClient,
  socatTcpEchoServer,
  within,
  type NodeTcpServer,
} from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { openRelay, pattern, sha256 } from './relay-kit'

// A TCP relay between peers we did not write: socat on both ends, and plain node sockets where a test needs
// to half-close or reset one side on purpose.

describe('TCP relay', () => {
  let harness: EngineHarness
  let server: NodeTcpServer | undefined
  afterEach(async () => {
    await harness.dispose()
    await server?.close()
    server = undefined
  })

  needs('socat').describe('between socat programs', () => {
    it('passes text both ways and logs each direction with its word', async () => {
      harness = new EngineHarness()
      const echo = await socatTcpEchoServer('127.0.0.1')
      harness.track(echo.peer.child)
      const relay = await openRelay(harness, echo.port)
      const client = await socatTcpClient('127.0.0.1', relay.port)
      harness.track(client.child)
      client.write(Buffer.from('hello through the relay\n'))
      const back = await client.stdout.waitForBytes(24)
      expect(back.toString()).toBe('hello through the relay\n')
      const rows = harness
        .of(relay.id)
        .filter((event): event is DataEvent => event.type === 'received' || event.type === 'sent')
      const described = new Set(rows.map((row) => `${row.type} ${row.leg} ${row.direction}`))
      expect(described).toEqual(
        new Set([
          'received client to-upstream',
          'sent upstream to-upstream',
          'received upstream to-client',
          'sent client to-client',
        ]),
      )
      expect(rows.every((row) => row.connectionId === 'c1')).toBe(true)
      const info = harness.engine.get(relay.id)
      expect(info.connections[0]!.stats.bytesIn).toBe(24)
      expect(info.connections[0]!.upstream!.stats.bytesIn).toBe(24)
    })

    it('relays 10 MiB of every byte value byte-exact both ways, and the client FIN ends it cleanly', async () => {
      harness = new EngineHarness()
      const echo = await socatTcpEchoServer('127.0.0.1')
      harness.track(echo.peer.child)
      const relay = await openRelay(harness, echo.port)
      const client = await socatTcpClient('127.0.0.1', relay.port)
      harness.track(client.child)
      const payload = pattern(10 * 1024 * 1024)
      client.write(payload)
      client.endInput()
      const back = await client.stdout.waitForEnd('the echo of 10 MiB', 60_000)
      expect(back.byteLength).toBe(payload.byteLength)
      expect(sha256(back)).toBe(sha256(payload))
      await harness.waitFor(relay.id, 'close', (event) => event.leg === 'upstream')
      const info = harness.engine.get(relay.id)
      expect(info.stats.bytesIn).toBe(2 * payload.byteLength)
      expect(info.stats.bytesOut).toBe(2 * payload.byteLength)
    }, 90_000)
  })

  it('passes a half-close from the client on and keeps the other direction open', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1', true)
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port, true))
    const upstream = await server.nextPeer()
    client.socket.end('last words')
    expect((await upstream.received.waitForEnd()).toString()).toBe('last words')
    upstream.socket.write('still talking')
    expect((await client.received.waitForBytes(13)).toString()).toBe('still talking')
    expect(client.received.hasEnded).toBe(false)
    upstream.socket.end()
    await client.received.waitForEnd()
    await within(client.closed, 'the client to close')
  })

  it('passes a half-close from the upstream on and keeps the other direction open', async () => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1', true)
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port, true))
    const upstream = await server.nextPeer()
    upstream.socket.end('server done')
    expect((await client.received.waitForEnd()).toString()).toBe('server done')
    client.socket.write('client still sending')
    expect((await upstream.received.waitForBytes(20)).toString()).toBe('client still sending')
    client.socket.end()
    await upstream.received.waitForEnd()
  })

  it.each(['client', 'upstream'] as const)('a reset from the %s resets the other side', async (resetter) => {
    harness = new EngineHarness()
    server = await nodeTcpServer('127.0.0.1', true)
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port, true))
    const upstream = await server.nextPeer()
    client.socket.write('x')
    await upstream.received.waitForBytes(1)
    const [resetting, other] = resetter === 'client' ? [client, upstream] : [upstream, client]
    const otherError = within(once(other.socket, 'error'), 'the other side to be reset')
    resetting.socket.resetAndDestroy()
    const [error] = (await otherError) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNRESET')
    const closes = await harness.until(() => {
      const found = harness.ofType(relay.id, 'close').filter((event) => event.scope === 'connection')
      return found.length === 2 ? found : undefined
    })
    expect(closes.find((event) => event.leg === resetter)?.cause).toBe('reset')
    expect(closes.find((event) => event.leg !== resetter)?.cause).toBe('aborted')
  })

  it('resets the client with a coded event when the upstream refuses', async () => {
    harness = new EngineHarness()
    const closedPort = await freeTcpPort('127.0.0.1')
    const relay = await openRelay(harness, closedPort)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port, true))
    const error = await harness.waitFor(relay.id, 'error')
    expect(error.error.code).toBe('ECONNREFUSED')
    expect(error.leg).toBe('upstream')
    await within(client.closed, 'the client to be closed')
    expect(harness.engine.get(relay.id).state).toBe('listening')
  })

  it('refuses a drop rate: TCP never loses bytes silently', async () => {
    harness = new EngineHarness()
    await expect(openRelay(harness, 9, { faults: { toUpstream: { dropPercent: 5 } } })).rejects.toMatchObject(
      {
        code: OwnErrorCode.invalidRequest,
      },
    )
  })
})
