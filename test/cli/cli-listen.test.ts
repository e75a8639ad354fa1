import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { connect, createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ByteCollector,
  nodeTcpServer,
  socatTcpClient,
  socatUdpClient,
  within,
  type ChildPeer,
} from '../helpers/peers'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

const peers: ChildPeer[] = []

afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
})

/** ncat as a client: sends `input`, half-closes on its end of input, prints what comes back until closed. */
async function ncatClient(port: number, input: string): Promise<{ output: Buffer; code: number | null }> {
  const child = spawn('ncat', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const output = new ByteCollector()
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stdin.end(input)
  const [code] = (await within(once(child, 'close'), 'ncat to finish')) as [number | null]
  return { output: output.bytes, code }
}

/** True when `port` on 127.0.0.1 can be listened on again. */
async function canListenOn(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = createServer()
  server.listen(port, host)
  const [outcome] = (await Promise.race([once(server, 'listening'), once(server, 'error')])) as [
    Error | undefined,
  ]
  if (outcome !== undefined) return false
  await new Promise((resolve) => server.close(resolve))
  return true
}

describe('socket-workbench listen, with clients that are not our engine', () => {
  it('--json --echo --once: the listen line carries the real port; ncat gets its echo; exit 0 when it leaves', async () => {
    const cli = startCli(['listen', '0', '--json', '--echo', '--once'])
    const listen = await cli.waitForJson((line) => line.type === 'listen', 'the listen line')
    expect(listen).toMatchObject({
      session: 's1',
      local: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      backlog: 511,
    })
    const port = Number(String(listen.local).split(':')[1])
    expect(port).toBeGreaterThan(0)

    const client = await ncatClient(port, 'hello\n')
    expect(client).toMatchObject({ code: 0 })
    expect(client.output.toString()).toBe('hello\n')
    expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)

    const lines = cli.jsonLines()
    const accept = lines.find((line) => line.type === 'accept')!
    expect(accept).toMatchObject({ connection: 'c1', local: `127.0.0.1:${port}` })
    const received = lines.find((line) => line.type === 'received')!
    expect(received).toMatchObject({ connection: 'c1', remote: accept.remote, bytes: 6, hex: '68656c6c6f0a' })
    expect(lines.find((line) => line.type === 'sent')).toMatchObject({
      connection: 'c1',
      hex: '68656c6c6f0a',
    })
    expect(lines.find((line) => line.type === 'close' && line.scope === 'connection')).toMatchObject({
      connection: 'c1',
      cause: 'peer',
    })
  })

  it('-6 with --send greets socat clients on ::1; SIGINT closes every socket and exits 0', async () => {
    const cli = startCli(['listen', '-6', '0', '--send', 'welcome\\n'])
    const port = await announcedPort(cli, 'listening on')
    expect(cli.stderrText()).toContain(`listening on [::1]:${port}`)
    const first = await socatTcpClient('::1', port)
    const second = await socatTcpClient('::1', port)
    peers.push(first, second)
    await first.stdout.waitForBytes(8, 'the greeting at the first client')
    await second.stdout.waitForBytes(8, 'the greeting at the second client')
    expect(first.stdout.bytes.toString()).toBe('welcome\n')
    first.write(Buffer.from('from one;'))
    second.write(Buffer.from('from two;'))
    await cli.stdout.waitForBytes(18, 'both clients’ bytes on stdout')
    expect(cli.stdout.bytes.toString().split(';').sort()).toEqual(['', 'from one', 'from two'])

    cli.kill('SIGINT')
    expect(await within(cli.exited, 'the CLI to exit on SIGINT')).toBe(0)
    // It closed them itself (the lines come from the engine's close events), not by dying.
    expect(cli.stderrText().match(/^closed \[::1\]:\d+ because the server closed$/gm)).toHaveLength(2)
    expect(cli.stderrText()).toMatch(/^stopped listening\n[\s\S]*^closed by us\n$/m)
    // Every socket is closed: both peers saw the end, and the port is free again.
    await first.stdout.waitForEnd('the first client to see the close')
    await second.stdout.waitForEnd('the second client to see the close')
    expect(await canListenOn(port, '::1')).toBe(true)
  })

  it('UDP: answers a socat client with --echo, greets it with --send, and --once ends after its first datagram', async () => {
    // The engine echoes as the datagram arrives; the CLI's greeting follows it.
    const cli = startCli(['listen', '--udp', '0', '--send', 'hi ', '--echo', '--once'])
    const port = await announcedPort(cli, 'bound to')
    expect(cli.stderrText()).toContain(`bound to 127.0.0.1:${port}`)
    const client = await socatUdpClient('127.0.0.1', port)
    peers.push(client)
    client.write(Buffer.from('ping'))
    await client.stdout.waitForBytes(7, 'the echo and the greeting')
    expect(client.stdout.bytes.toString()).toBe('pinghi ')
    expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)
    expect(cli.stdout.bytes.toString()).toBe('ping')
    expect(await canListenOn(port)).toBe(true)
  })

  it('--echo cuts off a client that sends but never reads (ERR_LIMIT) instead of buffering for it, and serves on', async () => {
    const cli = startCli(['listen', '0', '--echo'])
    const port = await announcedPort(cli, 'listening on')
    const hog = connect({ host: '127.0.0.1', port })
    hog.pause() // never reads: our echoes pile up in its kernel buffers, then in the CLI
    hog.on('error', () => undefined)
    // Not events.once: the reset also comes as an 'error', which would reject it.
    const hogClosed = new Promise((resolve) => hog.once('close', resolve))
    await within(once(hog, 'connect'), 'the hog to connect')
    const megabyte = Buffer.alloc(1024 * 1024, 0x61)
    for (let sent = 0; sent < 48; sent++) hog.write(megabyte)
    await cli.waitForStderr(/^socket-workbench: ERR_LIMIT: connection c1 does not read what is sent to it/m)
    await cli.waitForStderr(
      /^closed 127\.0\.0\.1:\d+ by us with a reset \(RST\)$/m,
      'the CLI to close the hog',
    )
    hog.resume() // reading again, it finds the reset behind what had been delivered
    await within(hogClosed, 'the hog to see the reset')

    const polite = await socatTcpClient('127.0.0.1', port)
    peers.push(polite)
    polite.write(Buffer.from('still there?'))
    await polite.stdout.waitForBytes(12, 'the echo at the next client')
    expect(polite.stdout.bytes.toString()).toBe('still there?')
  })

  it('exit 3 with EADDRINUSE when the port is taken', async () => {
    const taken = await nodeTcpServer('127.0.0.1')
    try {
      const { code, stdout, stderr } = await runCliToEnd(['listen', String(taken.port)])
      expect(code).toBe(3)
      expect(stdout.byteLength).toBe(0)
      expect(stderr).toMatch(
        new RegExp(
          `^socket-workbench: EADDRINUSE: port ${taken.port} on 127\\.0\\.0\\.1 is already in use`,
          'm',
        ),
      )
    } finally {
      await taken.close()
    }
  })
})
