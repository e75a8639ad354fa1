import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { convertCaptureToPcapng } from '../../../electron/core/pcap'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import { nodeTcpServer, socatTcpClient, type ChildPeer, type NodeTcpServer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { engineEvent, expertProblems, fields, followTcp, openWithTshark } from './pcap-test-kit'

// A TCP relay recorded and converted to pcapng, read back by tshark: each pair is two TCP streams (the client
// leg and the upstream leg), each byte-exact in both directions, and every packet says in its comment which pair,
// leg and direction it belongs to.

needs('tshark', 'socat').describe('pcapng of a TCP relay, read by tshark', () => {
  let dir: string
  let workbench: Workbench
  let server: NodeTcpServer | undefined
  let client: ChildPeer | undefined

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-pcapng-'))
    workbench = createWorkbench({ dataDir: dir })
  })

  afterEach(async () => {
    await workbench.dispose()
    await client?.stop()
    await server?.close()
    client = undefined
    server = undefined
    await rm(dir, { recursive: true, force: true })
  })

  it('holds both legs of a pair as two streams with their direction and pair id', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const opened = await workbench.handlers.openSession({
      kind: 'tcp-relay',
      host: '127.0.0.1',
      port: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: server.port,
    })
    if (!opened.ok) throw new Error(opened.error.message)
    const relay = opened.value
    const { path: capture } = await workbench.captures.start(relay.id)
    const connected = engineEvent(workbench.engine, (event) => event.type === 'connected', 'the upstream leg')
    client = await socatTcpClient('127.0.0.1', relay.local!.port)
    const upstream = await server.nextPeer()
    const upstreamLeg = await connected
    if (upstreamLeg.type !== 'connected') throw new Error('not a connected event')

    client.write(Buffer.from('question\n'))
    await upstream.received.waitForBytes(9)
    upstream.socket.write('answer\n')
    await client.stdout.waitForBytes(7)
    const bothClosed = Promise.all(
      (['client', 'upstream'] as const).map((leg) =>
        engineEvent(
          workbench.engine,
          (event) => event.type === 'close' && event.scope === 'connection' && event.leg === leg,
          `the ${leg} leg to close`,
        ),
      ),
    )
    client.endInput()
    await bothClosed
    await workbench.captures.stop(relay.id)
    const file = join(dir, 'relay.pcapng')
    expect((await convertCaptureToPcapng(capture, file)).packets).toBeGreaterThan(0)

    const opening = await openWithTshark(file)
    expect(opening.code).toBe(0)
    expect(opening.stdout).not.toMatch(/Malformed|Bad checksum|\[incorrect/i)
    expect(await expertProblems(file)).toBe('')

    const relayPort = relay.local!.port
    const relayUpstreamPort = upstreamLeg.local.port
    const clientLeg = await followTcp(file, 0)
    const clientEnd = [...clientLeg.keys()].find((node) => node !== `127.0.0.1:${relayPort}`)!
    expect(clientLeg.get(clientEnd)?.toString()).toBe('question\n')
    expect(clientLeg.get(`127.0.0.1:${relayPort}`)?.toString()).toBe('answer\n')
    const upstreamLegBytes = await followTcp(file, 1)
    expect(upstreamLegBytes.get(`127.0.0.1:${relayUpstreamPort}`)?.toString()).toBe('question\n')
    expect(upstreamLegBytes.get(`127.0.0.1:${server.port}`)?.toString()).toBe('answer\n')

    // Data packets: stream, direction as the relay saw it (1 received, 0 sent), and the pair in the comment.
    const rows = await fields(file, ['tcp.stream', 'frame.p2p_dir', 'frame.comment'], 'tcp.len > 0')
    expect(
      rows.map(([stream, direction, comment]) => [stream, direction, comment!.replace(/^.*\[/, '[')]),
    ).toEqual([
      ['0', '1', '[pair c1, client leg, to-upstream]'],
      ['1', '0', '[pair c1, upstream leg, to-upstream]'],
      ['1', '1', '[pair c1, upstream leg, to-client]'],
      ['0', '0', '[pair c1, client leg, to-client]'],
    ])
    // The handshakes and FINs of each leg are labelled too.
    const handshakes = await fields(file, ['tcp.stream', 'frame.comment'], 'tcp.flags.syn == 1')
    expect(
      handshakes.map(([stream, comment]) => `${stream} ${/\[pair c1, (\w+) leg/.exec(comment!)?.[1]}`),
    ).toEqual(['0 client', '0 client', '1 upstream', '1 upstream'])
  })
})
