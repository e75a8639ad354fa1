import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  nodeTcpClient,
  nodeTcpServer,
  socatTcpClient,
  within,
  type ChildPeer,
  type NodeTcpServer,
} from '../helpers/peers'
import { needs } from '../helpers/system-tools'
import { announcedPort, runCliToEnd, startCli, stopAllCli, type CliProcess } from './cli-process'

// `relay --control`: commands on stdin change a running relay (issue 19: faults and injection live from the CLI),
// between peers we did not write. Each command says what it did on stderr; that line is what a test waits for.

const peers: ChildPeer[] = []
let server: NodeTcpServer | undefined

afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  await server?.close()
  server = undefined
})

/** Writes one command and waits for the line saying what it did. */
async function command(cli: CliProcess, line: string, done: RegExp): Promise<void> {
  const before = cli.stderrText().length
  cli.child.stdin.write(`${line}\n`)
  await within(
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (!done.test(cli.stderrText().slice(before))) return
        cli.child.stderr.off('data', check)
        resolve()
      }
      cli.child.stderr.on('data', check)
      check()
    }),
    `"${line}" to be answered with ${done}`,
  )
}

function closeCode(socket: Socket): Promise<string | undefined> {
  let code: string | undefined
  socket.on('error', (error: NodeJS.ErrnoException) => (code ??= error.code))
  return within(new Promise((resolve) => socket.once('close', () => resolve(code))), 'the socket to close')
}

async function relayTo(upstreamPort: number, ...extra: string[]): Promise<{ cli: CliProcess; port: number }> {
  const cli = startCli(['relay', '0', '127.0.0.1', String(upstreamPort), '--control', ...extra], {
    stdin: 'pipe',
  })
  return { cli, port: await announcedPort(cli, 'listening on') }
}

describe('socket-workbench relay --control', () => {
  needs('socat').it(
    'inject puts a template into either direction; socat and the server receive it',
    async () => {
      server = await nodeTcpServer('127.0.0.1')
      const { cli, port } = await relayTo(server.port)
      const client = await socatTcpClient('127.0.0.1', port)
      peers.push(client)
      const upstream = await server.nextPeer()
      await cli.waitForStderr(/connected to 127\.0\.0\.1:\d+/)
      await command(cli, 'inject client hello {{counter}}\\n', /injected 8 bytes to client into 1 pair/)
      expect((await client.stdout.waitForBytes(8)).toString()).toBe('hello 1\n')
      await command(cli, 'inject c1 upstream hex:01 03 00 00 00 0a {{crc16-modbus}}', /injected 8 bytes/)
      expect((await upstream.received.waitForBytes(8)).toString('hex')).toBe('01030000000ac5cd')
    },
  )

  it('stall stops a direction without closing it; unstall delivers what waited, in order', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { cli, port } = await relayTo(server.port)
    const client = await nodeTcpClient('127.0.0.1', port)
    const upstream = await server.nextPeer()
    client.socket.write('before ')
    await upstream.received.waitForBytes(7)
    await command(cli, 'stall upstream', /stalled to upstream/)
    client.socket.write('during')
    // The other way still flows: a round trip through it, after the write above, while the stall holds.
    upstream.socket.write('pong')
    await client.received.waitForBytes(4)
    expect(upstream.received.bytes.toString()).toBe('before ')
    await command(cli, 'unstall', /no longer stalled to upstream and to client/)
    expect((await upstream.received.waitForBytes(13)).toString()).toBe('before during')
    client.socket.destroy()
  })

  it('reset sends an RST both ways; faults sets the options live; a bad line is refused and the relay goes on', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { cli, port } = await relayTo(server.port)
    const first = await nodeTcpClient('127.0.0.1', port)
    const firstUpstream = await server.nextPeer()
    await cli.waitForStderr(/connected to 127\.0\.0\.1:\d+/)
    const closes = [closeCode(first.socket), closeCode(firstUpstream.socket)]
    await command(cli, 'reset c1', /reset pair c1/)
    expect(await Promise.all(closes)).toEqual(['ECONNRESET', 'ECONNRESET'])

    await command(cli, 'stall sideways', /ERR_USAGE: "stall sideways": say upstream, client or both/)
    await command(cli, 'faults --drop 5', /ERR_INVALID_REQUEST: a TCP relay never drops bytes silently/)
    await command(cli, 'faults --reset 100', /faults now: --reset 100/)
    const second = await nodeTcpClient('127.0.0.1', port)
    const secondUpstream = await server.nextPeer()
    const secondCloses = [closeCode(second.socket), closeCode(secondUpstream.socket)]
    second.socket.write('doomed')
    expect(await Promise.all(secondCloses)).toEqual(['ECONNRESET', 'ECONNRESET'])
    await cli.waitForStderr(/dropped 6 bytes to upstream: the reset fault reset the pair instead/)
    expect(secondUpstream.received.byteLength).toBe(0)
    cli.kill('SIGINT')
    expect(await within(cli.exited, 'the relay to stop')).toBe(0)
  })

  it('--reply answers the side that sent the match; the message still goes on', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const cli = startCli(['relay', '0', '127.0.0.1', String(server.port), '--reply', 'exact:PING=>PONG'])
    const port = await announcedPort(cli, 'listening on')
    const client = await nodeTcpClient('127.0.0.1', port)
    const upstream = await server.nextPeer()
    client.socket.write('PING')
    expect((await client.received.waitForBytes(4)).toString()).toBe('PONG')
    expect((await upstream.received.waitForBytes(4)).toString()).toBe('PING')
    await cli.waitForStderr(/auto-reply rule 1 matched/)
    client.socket.destroy()
  })

  it('--reset comes from the fault registry: listed in the help, refused for UDP with exit 2', async () => {
    const help = await runCliToEnd(['relay', '--help'])
    expect(help.stdout.toString()).toMatch(/--reset N\s+resets the pair/)
    expect(help.stdout.toString()).toMatch(/--control\s+read commands from stdin/)
    const udp = await runCliToEnd(['relay', '0', '127.0.0.1', '9', '--udp', '--reset', '5'])
    expect(udp.code).toBe(2)
    expect(udp.stderr).toMatch(/ERR_INVALID_REQUEST: a UDP relay has no connection to reset/)
  })
})
