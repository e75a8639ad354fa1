import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CodedError, Limits, udpOptionsSchema, type UdpOptions } from '../../../electron/shared'
import { everyByte, nodeUdpPeer, pythonUdpEcho, socatUdpClient, type NodeUdpPeer } from '../../helpers/peers'
import { EngineHarness } from './harness'
import { needs } from '../../helpers/system-tools'

const udpOptions = (input: Omit<Partial<UdpOptions>, 'kind'> = {}): UdpOptions =>
  udpOptionsSchema.parse({ kind: 'udp', host: '127.0.0.1', ...input })

let harness: EngineHarness
let peer: NodeUdpPeer | undefined

beforeEach(() => {
  harness = new EngineHarness()
})

afterEach(async () => {
  await harness.dispose()
  await peer?.close()
  peer = undefined
})

describe('UDP session against a plain node peer', () => {
  it('binds (socket → bind → bound) and exchanges all 256 byte values with exact counters', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const info = await harness.engine.open(udpOptions())
    expect(info).toMatchObject({
      kind: 'udp',
      state: 'bound',
      local: { address: '127.0.0.1', family: 'IPv4' },
    })
    expect(harness.typesOf(info.id)).toEqual(['socket', 'state', 'bind', 'state'])
    expect(harness.ofType(info.id, 'socket')[0]).toMatchObject({ protocol: 'udp', family: 'IPv4' })

    const receipt = await harness.engine.send({
      sessionId: info.id,
      data: everyByte(),
      remoteHost: '127.0.0.1',
      remotePort: peer.port,
    })
    expect(receipt).toEqual({ bytes: 256, targets: 1 })
    const message = await peer.nextMessage()
    expect([...message.data]).toEqual([...everyByte()])
    expect(message.from.port).toBe(info.local!.port)
    expect(harness.ofType(info.id, 'sent')[0]).toMatchObject({
      byteLength: 256,
      remote: { address: '127.0.0.1', port: peer.port, family: 'IPv4' },
    })

    peer.socket.send(everyByte(), info.local!.port, '127.0.0.1')
    const received = await harness.waitFor(info.id, 'received')
    expect([...received.data]).toEqual([...everyByte()])
    expect(received.remote).toEqual({ address: '127.0.0.1', port: peer.port, family: 'IPv4' })
    expect(harness.engine.stats(info.id)).toEqual({
      bytesIn: 256,
      bytesOut: 256,
      messagesIn: 1,
      messagesOut: 1,
      framesIn: 0,
      queuedBytes: 0,
      openConnections: 0,
      // The kernel's drop count where the OS says (Linux), else null: not known.
      receiveBuffer: { bytes: expect.any(Number), drops: process.platform === 'linux' ? 0 : null },
    })
  })

  it('sends and receives empty datagrams', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const { id } = await harness.engine.open(udpOptions())
    await harness.engine.send({
      sessionId: id,
      data: new Uint8Array(0),
      remoteHost: '127.0.0.1',
      remotePort: peer.port,
    })
    expect((await peer.nextMessage()).data.byteLength).toBe(0)
    expect(harness.engine.stats(id)).toMatchObject({ bytesOut: 0, messagesOut: 1 })
  })

  it('remembers a default destination without connecting: sends go there, datagrams from anyone arrive', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const stranger = await nodeUdpPeer('127.0.0.1')
    try {
      const info = await harness.engine.open(udpOptions({ remoteHost: '127.0.0.1', remotePort: peer.port }))
      expect(harness.typesOf(info.id)).toEqual(['socket', 'state', 'bind', 'state'])
      expect(info.remote).toBeUndefined()
      await harness.engine.send({ sessionId: info.id, data: Buffer.from('to default') })
      expect((await peer.nextMessage()).data.toString()).toBe('to default')
      // A datagram from someone else is received (a connected socket would drop it silently) …
      stranger.socket.send('from a stranger', info.local!.port, '127.0.0.1')
      const received = await harness.waitFor(info.id, 'received')
      expect(received.remote?.port).toBe(stranger.port)
      // … and a send may name another destination (a connected socket refuses with EISCONN).
      await harness.engine.send({
        sessionId: info.id,
        data: Buffer.from('answer'),
        remoteHost: '127.0.0.1',
        remotePort: stranger.port,
      })
      expect((await stranger.nextMessage()).data.toString()).toBe('answer')
    } finally {
      await stranger.close()
    }
  })

  it('connects to a default remote when asked (connected UDP) and sends there without a destination', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const info = await harness.engine.open(
      udpOptions({ remoteHost: '127.0.0.1', remotePort: peer.port, connectToRemote: true }),
    )
    expect(info.remote).toEqual({ address: '127.0.0.1', port: peer.port, family: 'IPv4' })
    expect(harness.typesOf(info.id)).toEqual(['socket', 'state', 'bind', 'connect', 'connected', 'state'])
    await harness.engine.send({ sessionId: info.id, data: Buffer.from('to default') })
    expect((await peer.nextMessage()).data.toString()).toBe('to default')
    await expect(
      harness.engine.send({
        sessionId: info.id,
        data: Buffer.from('x'),
        remoteHost: '127.0.0.1',
        remotePort: 9,
      }),
    ).rejects.toMatchObject({ code: 'EISCONN' })
    // Sending to the connected remote explicitly is the same destination.
    await harness.engine.send({ sessionId: info.id, data: Buffer.from('same'), remotePort: peer.port })
    expect((await peer.nextMessage()).data.toString()).toBe('same')
  })

  it('reports ICMP port unreachable on connected UDP as ECONNREFUSED and stays bound', async () => {
    const gone = await nodeUdpPeer('127.0.0.1')
    const port = gone.port
    await gone.close()
    const { id } = await harness.engine.open(
      udpOptions({ remoteHost: '127.0.0.1', remotePort: port, connectToRemote: true }),
    )
    let refusal: unknown
    // The refusal arrives asynchronously (ICMP) and is reported on a later send.
    for (let attempt = 0; attempt < 50 && refusal === undefined; attempt++) {
      await harness.engine.send({ sessionId: id, data: Buffer.from('anyone?') }).catch((error: unknown) => {
        refusal = error
      })
    }
    expect(refusal).toMatchObject({
      code: 'ECONNREFUSED',
      message: `connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    })
    expect((await harness.waitFor(id, 'error')).error.code).toBe('ECONNREFUSED')
    expect(harness.engine.get(id).state).toBe('bound')
  })

  it('resolves a destination name: lookup event, then sent to the address', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const { id } = await harness.engine.open(udpOptions())
    await harness.engine.send({
      sessionId: id,
      data: Buffer.from('hi'),
      remoteHost: 'localhost',
      remotePort: peer.port,
    })
    expect((await peer.nextMessage()).data.toString()).toBe('hi')
    expect(harness.ofType(id, 'lookup')[0]).toMatchObject({ host: 'localhost', address: '127.0.0.1' })
  })

  it('works over IPv6 loopback, udp6 inferred from the bind address', async () => {
    peer = await nodeUdpPeer('::1')
    const info = await harness.engine.open(udpOptions({ host: '::1' }))
    expect(harness.ofType(info.id, 'socket')[0]).toMatchObject({ family: 'IPv6' })
    expect(info.local).toMatchObject({ address: '::1', family: 'IPv6' })
    await harness.engine.send({
      sessionId: info.id,
      data: everyByte(),
      remoteHost: '::1',
      remotePort: peer.port,
    })
    expect([...(await peer.nextMessage()).data]).toEqual([...everyByte()])
    peer.socket.send(everyByte(), info.local!.port, '::1')
    expect((await harness.waitFor(info.id, 'received')).remote).toMatchObject({
      address: '::1',
      family: 'IPv6',
    })
  })
})

describe('UDP session against outside programs', () => {
  for (const host of ['127.0.0.1', '::1'] as const) {
    needs('python3').it(`round-trips all 256 byte values through a python3 echo over ${host}`, async () => {
      const echo = await pythonUdpEcho(host)
      try {
        const { id } = await harness.engine.open(udpOptions({ host }))
        await harness.engine.send({
          sessionId: id,
          data: everyByte(),
          remoteHost: host,
          remotePort: echo.port,
        })
        const received = await harness.waitFor(id, 'received')
        expect([...received.data]).toEqual([...everyByte()])
        expect(received.remote?.port).toBe(echo.port)
      } finally {
        await echo.peer.stop()
      }
    })
  }

  needs('socat').it('receives from a socat UDP client and answers to its address', async () => {
    const { id, local } = await harness.engine.open(udpOptions())
    const socat = await socatUdpClient('127.0.0.1', local!.port)
    try {
      socat.write(everyByte())
      const received = await harness.waitFor(id, 'received')
      expect([...received.data]).toEqual([...everyByte()])
      await harness.engine.send({
        sessionId: id,
        data: everyByte(),
        remoteHost: received.remote!.address,
        remotePort: received.remote!.port,
      })
      expect([...(await socat.stdout.waitForBytes(256))]).toEqual([...everyByte()])
    } finally {
      await socat.stop()
    }
  })
})

describe('UDP limits and refusals', () => {
  it('refuses a datagram over 65,507 bytes (udp4) with EMSGSIZE before anything is sent', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const { id } = await harness.engine.open(udpOptions())
    const send = (bytes: number) =>
      harness.engine.send({
        sessionId: id,
        data: new Uint8Array(bytes),
        remoteHost: '127.0.0.1',
        remotePort: peer!.port,
      })
    const refusal = await send(Limits.maxUdp4Payload + 1).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(CodedError)
    expect(refusal).toMatchObject({
      code: 'EMSGSIZE',
      message: 'a datagram of 65,508 bytes is larger than the 65,507-byte maximum of udp4',
    })
    expect(harness.typesOf(id)).not.toContain('sent')
    expect(harness.engine.stats(id).bytesOut).toBe(0)
    // The largest legal datagram goes through.
    await send(Limits.maxUdp4Payload)
    expect((await peer.nextMessage()).data.byteLength).toBe(Limits.maxUdp4Payload)
  })

  it('refuses a datagram over 65,527 bytes on udp6', async () => {
    const { id } = await harness.engine.open(udpOptions({ host: '::1' }))
    await expect(
      harness.engine.send({
        sessionId: id,
        data: new Uint8Array(Limits.maxUdp6Payload + 1),
        remoteHost: '::1',
        remotePort: 9,
      }),
    ).rejects.toMatchObject({ code: 'EMSGSIZE' })
  })

  it('refuses a send with no destination (EDESTADDRREQ) and one to the other family (ERR_INVALID_REQUEST)', async () => {
    const { id } = await harness.engine.open(udpOptions())
    await expect(harness.engine.send({ sessionId: id, data: Buffer.from('x') })).rejects.toMatchObject({
      code: 'EDESTADDRREQ',
    })
    await expect(
      harness.engine.send({ sessionId: id, data: Buffer.from('x'), remoteHost: '127.0.0.1' }),
    ).rejects.toMatchObject({
      code: 'EDESTADDRREQ',
    })
    await expect(
      harness.engine.send({ sessionId: id, data: Buffer.from('x'), remoteHost: '::1', remotePort: 9 }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_REQUEST', message: '::1 is not an IPv4 address' })
    await expect(
      harness.engine.send({
        sessionId: id,
        data: Buffer.from('x'),
        remoteHost: 'no-such-host.invalid',
        remotePort: 9,
      }),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await expect(
      harness.engine.send({ sessionId: id, data: Buffer.from('x'), connectionId: 'c1' }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_SUPPORTED' })
    expect(harness.typesOf(id)).not.toContain('sent')
  })

  it('EADDRINUSE when the port is taken; reuseAddr lets two sockets share it', async () => {
    peer = await nodeUdpPeer('127.0.0.1')
    const failure = await harness.engine
      .open(udpOptions({ port: peer.port }))
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({
      code: 'EADDRINUSE',
      message: `port ${peer.port} on 127.0.0.1 is already in use`,
    })
    expect(harness.engine.get((failure as CodedError).sessionId!).state).toBe('error')

    const first = await harness.engine.open(udpOptions({ reuseAddr: true }))
    const second = await harness.engine.open(udpOptions({ reuseAddr: true, port: first.local!.port }))
    expect(second.local!.port).toBe(first.local!.port)
  })

  it('closes: close event, state closed, later sends refused with ERR_SESSION_STATE', async () => {
    const { id } = await harness.engine.open(udpOptions())
    const closed = await harness.engine.close(id)
    expect(closed.state).toBe('closed')
    expect(harness.ofType(id, 'close')).toEqual([
      expect.objectContaining({ scope: 'session', cause: 'local' }),
    ])
    await expect(
      harness.engine.send({ sessionId: id, data: Buffer.from('x'), remoteHost: '127.0.0.1', remotePort: 9 }),
    ).rejects.toMatchObject({ code: 'ERR_SESSION_STATE' })
    expect(() => harness.engine.membership({ sessionId: id, action: 'join', group: '239.1.2.3' })).toThrow(
      expect.objectContaining({ code: 'ERR_SESSION_STATE' }),
    )
  })

  it('refuses TCP-only actions with ERR_NOT_SUPPORTED', async () => {
    const { id } = await harness.engine.open(udpOptions())
    await expect(harness.engine.halfClose({ sessionId: id })).rejects.toMatchObject({
      code: 'ERR_NOT_SUPPORTED',
    })
    await expect(harness.engine.disconnect({ sessionId: id, mode: 'graceful' })).rejects.toMatchObject({
      code: 'ERR_NOT_SUPPORTED',
    })
    await expect(harness.engine.stopListening(id)).rejects.toMatchObject({ code: 'ERR_NOT_SUPPORTED' })
    expect(harness.engine.connectionStats(id, 'c1')).toBeUndefined()
  })
})

describe('UDP multicast', () => {
  const GROUP = '239.255.42.99'

  it('joins at open, receives what is sent to the group on loopback, leaves via membership()', async () => {
    const info = await harness.engine.open(
      udpOptions({
        host: undefined,
        reuseAddr: true,
        broadcast: true,
        ttl: 16,
        multicastTtl: 1,
        multicastLoopback: true,
        multicastGroups: [{ group: GROUP, iface: '127.0.0.1' }],
      }),
    )
    expect(harness.ofType(info.id, 'membership')).toEqual([
      expect.objectContaining({ action: 'join', group: GROUP, iface: '127.0.0.1' }),
    ])
    const sender = createSocket('udp4')
    try {
      sender.bind(0, '127.0.0.1')
      await once(sender, 'listening')
      sender.setMulticastInterface('127.0.0.1')
      sender.send('to the group', info.local!.port, GROUP)
      const received = await harness.waitFor(info.id, 'received')
      expect(Buffer.from(received.data).toString()).toBe('to the group')
      expect(received.remote?.port).toBe(sender.address().port)
    } finally {
      await new Promise<void>((resolve) => sender.close(() => resolve()))
    }

    harness.engine.membership({ sessionId: info.id, action: 'leave', group: GROUP, iface: '127.0.0.1' })
    expect(harness.ofType(info.id, 'membership').map((event) => event.action)).toEqual(['join', 'leave'])
    harness.engine.membership({ sessionId: info.id, action: 'join', group: GROUP })
    expect(harness.ofType(info.id, 'membership')[2]).toEqual(
      expect.not.objectContaining({ iface: expect.anything() }),
    )
  })

  it('refuses joining an address that is not a multicast group with a coded error', async () => {
    const { id } = await harness.engine.open(udpOptions())
    let thrown: unknown
    try {
      harness.engine.membership({ sessionId: id, action: 'join', group: '10.1.2.3' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CodedError)
    expect((thrown as CodedError).code).toBe('EINVAL')
    expect((thrown as CodedError).message).toContain('10.1.2.3')
    expect(harness.typesOf(id)).not.toContain('membership')
  })
})
