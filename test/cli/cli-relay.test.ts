import { afterEach, describe, expect, it } from 'vitest'
import {
  nodeTcpClient,
  nodeTcpServer,
  nodeUdpPeer,
  socatTcpClient,
  socatTcpEchoServer,
  within,
  type ChildPeer,
  type NodeTcpServer,
  type NodeUdpPeer,
} from '../helpers/peers'
import { needs } from '../helpers/system-tools'
import { announcedPort, runCliToEnd, startCli, stopAllCli, type JsonLine } from './cli-process'

// The built CLI's relay between programs it did not write: socat on both ends, plain node sockets.

const peers: ChildPeer[] = []
let server: NodeTcpServer | undefined
const udpPeers: NodeUdpPeer[] = []

afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  await server?.close()
  server = undefined
  await Promise.all(udpPeers.splice(0).map((peer) => peer.close()))
})

const portOf = (line: JsonLine): number => Number(String(line.local).split(':').at(-1))

describe('socket-workbench relay', () => {
  needs('socat').it(
    '--json: rows carry "to upstream" and "to client"; socat gets its echo back',
    async () => {
      const echo = await socatTcpEchoServer('127.0.0.1')
      peers.push(echo.peer)
      const cli = startCli(['relay', '0', '127.0.0.1', String(echo.port), '--json'])
      const port = portOf(await cli.waitForJson((line) => line.type === 'listen', 'the listen line'))
      const client = await socatTcpClient('127.0.0.1', port)
      peers.push(client)
      client.write(Buffer.from('ping\n'))
      expect((await client.stdout.waitForBytes(5)).toString()).toBe('ping\n')
      const back = await cli.waitForJson(
        (line) => line.type === 'received' && line.direction === 'to client',
        'the row of the echo',
      )
      expect(back).toMatchObject({ connection: 'c1', leg: 'upstream', bytes: 5, hex: '70696e670a' })
      const there = cli
        .jsonLines()
        .find((line) => line.type === 'received' && line.direction === 'to upstream')
      expect(there).toMatchObject({ leg: 'client', bytes: 5, hex: '70696e670a' })
      cli.kill('SIGINT')
      expect(await within(cli.exited, 'the relay to stop')).toBe(0)
    },
  )

  it('--delay holds each chunk on its way; the human output names the direction', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const cli = startCli(['relay', '0', '127.0.0.1', String(server.port), '--delay', '40'])
    const port = await announcedPort(cli, 'listening on')
    const client = await nodeTcpClient('127.0.0.1', port)
    const upstream = await server.nextPeer()
    const startedAt = performance.now()
    client.socket.write('slow')
    await upstream.received.waitForBytes(4)
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(40)
    await cli.waitForStderr(/^to upstream: 4 bytes from 127\.0\.0\.1:\d+$/m)
    expect(cli.stdout.bytes.toString()).toBe('slow')
    client.socket.destroy()
  })

  it('--udp --drop 100 drops every datagram and says so', async () => {
    const upstream = await nodeUdpPeer('127.0.0.1')
    const sender = await nodeUdpPeer('127.0.0.1')
    udpPeers.push(upstream, sender)
    const cli = startCli([
      'relay',
      '0',
      '127.0.0.1',
      String(upstream.port),
      '--udp',
      '--drop',
      '100',
      '--json',
    ])
    const port = portOf(await cli.waitForJson((line) => line.type === 'bind', 'the bind line'))
    sender.socket.send('lost', port, '127.0.0.1')
    const dropped = await cli.waitForJson((line) => line.type === 'dropped', 'the dropped line')
    expect(dropped).toMatchObject({ direction: 'to upstream', bytes: 4, reason: 'fault' })
  })

  it('refuses a drop rate for TCP, and faults out of range, with exit 2', async () => {
    const tcpDrop = await runCliToEnd(['relay', '0', '127.0.0.1', '9', '--drop', '5'])
    expect(tcpDrop.code).toBe(2)
    expect(tcpDrop.stderr).toMatch(/ERR_INVALID_REQUEST: a TCP relay never drops bytes silently/)
    const badDelay = await runCliToEnd(['relay', '0', '127.0.0.1', '9', '--delay', 'soon'])
    expect(badDelay.code).toBe(2)
    expect(badDelay.stderr).toMatch(/--delay "soon"/)
    const missing = await runCliToEnd(['relay', '0', '127.0.0.1'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/relay takes LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT/)
  })
})
