import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { convertCaptureToPcapng } from '../../../electron/core/pcap'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import type { OpenSessionRequest, SessionInfo } from '../../../electron/shared'
import {
  everyByte,
  nodeTcpClient,
  pythonUdpEcho,
  socatTcpClient,
  socatTcpEchoServer,
  type ListeningPeer,
} from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { engineEvent, expertProblems, fields, followTcp, openWithTshark } from './pcap-test-kit'

// Real sessions against outside peers are recorded, converted, and read back by tshark: the file must open
// cleanly, follow,tcp must give back exactly the bytes of each direction, checksums must be good.

const SIXTEEN_MIB = 16 * 1024 * 1024

needs('tshark', 'socat', 'python3').describe('pcapng export of real sessions, read by tshark', () => {
  let dir: string
  let workbench: Workbench
  let listening: ListeningPeer | undefined

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcapng-export-'))
    workbench = createWorkbench({ dataDir: dir })
  })

  afterEach(async () => {
    await workbench.dispose()
    await listening?.peer.stop()
    listening = undefined
    await rm(dir, { recursive: true, force: true })
  })

  async function open(request: OpenSessionRequest): Promise<SessionInfo> {
    const opened = await workbench.handlers.openSession(request)
    if (!opened.ok) throw new Error(opened.error.message)
    return opened.value
  }

  async function record(sessionId: string): Promise<string> {
    return (await workbench.captures.start(sessionId)).path
  }

  /** Stops the capture and converts it; answers the pcapng file. */
  async function exported(sessionId: string, capture: string): Promise<string> {
    await workbench.captures.stop(sessionId)
    const out = join(dir, 'session.pcapng')
    const result = await convertCaptureToPcapng(capture, out)
    expect(result.packets).toBeGreaterThan(0)
    return out
  }

  async function expectSound(file: string): Promise<void> {
    const opened = await openWithTshark(file)
    expect(opened.code).toBe(0)
    expect(opened.stderr).not.toMatch(/damaged|corrupt|malformed/i)
    expect(opened.stdout).not.toMatch(/Malformed|Bad checksum|\[incorrect/i)
  }

  const closeOf = (sessionId: string, scope: 'session' | 'connection') =>
    engineEvent(
      workbench.engine,
      (event) => event.sessionId === sessionId && event.type === 'close' && event.scope === scope,
      `a ${scope} close`,
    )

  it('TCP server over IPv4 with a node client: handshake, both directions byte for byte, FINs, good checksums', async () => {
    const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const capture = await record(server.id)
    const peer = await nodeTcpClient('127.0.0.1', server.local!.port)
    const peerPort = String(peer.socket.localPort) // gone from the socket once it closes
    const fromPeer = Buffer.concat([everyByte(), Buffer.from('\r\nhello\0')])
    const arrived = engineEvent(workbench.engine, (event) => event.type === 'received', 'data')
    peer.socket.write(fromPeer)
    await arrived
    const reply = Buffer.concat([Buffer.from('reply '), everyByte()])
    await workbench.engine.send({ sessionId: server.id, data: reply })
    await peer.received.waitForBytes(reply.length)
    const closed = closeOf(server.id, 'connection')
    peer.socket.end()
    await closed
    const file = await exported(server.id, capture)

    await expectSound(file)
    expect(await expertProblems(file)).toBe('')
    const follow = await followTcp(file)
    const peerEnd = `127.0.0.1:${peerPort}`
    expect(follow.get(peerEnd)).toEqual(fromPeer)
    expect(follow.get(`127.0.0.1:${server.local!.port}`)).toEqual(reply)

    const rows = await fields(file, [
      'tcp.srcport',
      'tcp.flags.str',
      'frame.p2p_dir',
      'tcp.checksum.status',
      'ip.checksum.status',
    ])
    expect(
      rows.slice(0, 3).map(([port, flags]) => [port === peerPort, flags!.replace(/·/g, '').trim()]),
    ).toEqual([
      [true, 'S'],
      [false, 'AS'],
      [true, 'A'],
    ])
    // p2p_dir: 1 received (inbound, from the peer), 0 sent (outbound).
    for (const [port, , direction] of rows) expect(direction).toBe(port === peerPort ? '1' : '0')
    for (const [, , , tcpStatus, ipStatus] of rows) expect([tcpStatus, ipStatus]).toEqual(['1', '1'])
    expect(rows.filter(([, flags]) => flags!.includes('F'))).toHaveLength(2)
  })

  it('TCP server over IPv6 (::1) with a socat client', async () => {
    const server = await open({ kind: 'tcp-server', host: '::1', port: 0 })
    const capture = await record(server.id)
    const accepted = engineEvent(workbench.engine, (event) => event.type === 'accept', 'accept')
    const peer = await socatTcpClient('::1', server.local!.port)
    await accepted
    const fromPeer = Buffer.from('over IPv6\n')
    const arrived = engineEvent(workbench.engine, (event) => event.type === 'received', 'data')
    peer.write(fromPeer)
    await arrived
    await workbench.engine.send({ sessionId: server.id, data: Buffer.from('six\n') })
    await peer.stdout.waitForBytes(4)
    const closed = closeOf(server.id, 'connection')
    peer.endInput()
    await closed
    await peer.stop()
    const file = await exported(server.id, capture)

    await expectSound(file)
    expect(await expertProblems(file)).toBe('')
    const rows = await fields(file, ['ipv6.src', 'ipv6.dst', 'tcp.checksum.status'])
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row).toEqual(['::1', '::1', '1'])
    const follow = [...(await followTcp(file)).values()]
    expect(follow).toEqual(expect.arrayContaining([fromPeer, Buffer.from('six\n')]))
  })

  it('TCP client (recorded after it connected) to a socat echo server: the stream without a handshake', async () => {
    listening = await socatTcpEchoServer('127.0.0.1')
    const client = await open({ kind: 'tcp-client', host: '127.0.0.1', port: listening.port })
    const capture = await record(client.id)
    const message = Buffer.concat([everyByte(), everyByte()])
    const echoed = engineEvent(
      workbench.engine,
      () => workbench.engine.stats(client.id).bytesIn >= message.length,
      'the echo',
    )
    await workbench.engine.send({ sessionId: client.id, data: message })
    await echoed
    const closed = closeOf(client.id, 'session')
    await workbench.engine.close(client.id)
    await closed
    const file = await exported(client.id, capture)

    await expectSound(file)
    expect(await expertProblems(file)).toBe('')
    const follow = await followTcp(file)
    expect(follow.get(`127.0.0.1:${client.local!.port}`)).toEqual(message)
    expect(follow.get(`127.0.0.1:${listening.port}`)).toEqual(message)
  })

  it('UDP on the wildcard address with a python3 echo: one packet per datagram, endpoints and bytes match', async () => {
    listening = await pythonUdpEcho('127.0.0.1')
    const socket = await open({ kind: 'udp', port: 0 })
    const capture = await record(socket.id)
    const datagrams = [everyByte(), new Uint8Array(Buffer.from('second')), new Uint8Array(randomBytes(1400))]
    for (const data of datagrams) {
      const echoed = engineEvent(workbench.engine, (event) => event.type === 'received', 'an echo')
      await workbench.engine.send({
        sessionId: socket.id,
        data,
        remoteHost: '127.0.0.1',
        remotePort: listening.port,
      })
      await echoed
    }
    const file = await exported(socket.id, capture)

    await expectSound(file)
    expect(await expertProblems(file)).toBe('')
    const rows = await fields(file, [
      'ip.src',
      'ip.dst',
      'udp.srcport',
      'udp.dstport',
      'data.data',
      'udp.checksum.status',
    ])
    const ours = String(socket.local!.port)
    const theirs = String(listening.port)
    expect(rows).toEqual(
      datagrams.flatMap((data) => {
        const hex = Buffer.from(data).toString('hex')
        return [
          ['127.0.0.1', '127.0.0.1', ours, theirs, hex, '1'],
          ['127.0.0.1', '127.0.0.1', theirs, ours, hex, '1'],
        ]
      }),
    )
  })

  it(
    'a 16 MiB transfer each way is split into packets of at most 65,535 bytes and followed exactly',
    { timeout: 180_000 },
    async () => {
      const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
      const capture = await record(server.id)
      const peer = await nodeTcpClient('127.0.0.1', server.local!.port)
      const peerPort = String(peer.socket.localPort) // gone from the socket once it closes
      const upload = randomBytes(SIXTEEN_MIB)
      const download = new Uint8Array(randomBytes(SIXTEEN_MIB))
      const uploaded = engineEvent(
        workbench.engine,
        () => workbench.engine.stats(server.id).bytesIn >= SIXTEEN_MIB,
        'the upload',
      )
      peer.socket.write(upload)
      await uploaded
      await workbench.engine.send({ sessionId: server.id, data: download })
      await peer.received.waitForBytes(SIXTEEN_MIB, 'the download', 60_000)
      const closed = closeOf(server.id, 'connection')
      peer.socket.end()
      await closed
      const file = await exported(server.id, capture)

      await expectSound(file)
      expect(await expertProblems(file)).toBe('')
      const follow = await followTcp(file)
      expect(follow.get(`127.0.0.1:${peerPort}`)!.equals(upload)).toBe(true)
      expect(follow.get(`127.0.0.1:${server.local!.port}`)!.equals(download)).toBe(true)
      const lengths = (await fields(file, ['frame.len'])).map(([length]) => Number(length))
      expect(Math.max(...lengths)).toBe(65_535)
    },
  )

  it('a connection the peer resets ends with the peer’s RST', async () => {
    const server = await open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const capture = await record(server.id)
    const peer = await nodeTcpClient('127.0.0.1', server.local!.port)
    const peerPort = String(peer.socket.localPort) // gone from the socket once it closes
    const arrived = engineEvent(workbench.engine, (event) => event.type === 'received', 'data')
    peer.socket.write('then a reset')
    await arrived
    const closed = closeOf(server.id, 'connection')
    peer.socket.resetAndDestroy()
    await closed
    const file = await exported(server.id, capture)

    await expectSound(file)
    const resets = await fields(file, ['tcp.srcport', 'frame.p2p_dir'], 'tcp.flags.reset == 1')
    expect(resets).toEqual([[peerPort, '1']])
  })
})
