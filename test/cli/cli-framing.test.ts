import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { nodeTcpClient, within } from '../helpers/peers'
import { needs } from '../helpers/system-tools'
import { announcedPort, runCliToEnd, startCli, stopAllCli, type JsonLine } from './cli-process'

// --framing SPEC: what arrives is cut into frames however the wire split it; one `frame` line each, and
// --echo answers frames. Peers are python3 and plain Node sockets.

afterEach(async () => {
  await stopAllCli()
})

/** python3 sends three u16 BE length-prefixed frames in awkward pieces with pauses, then waits for EOF. */
const PYTHON_SPLIT_SENDER = `
import socket, sys, time, struct
frames = [b'alpha', b'', b'gamma-delta']
stream = b''.join(struct.pack('>H', len(f)) + f for f in frames)
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
pieces = [stream[0:1], stream[1:4], stream[4:9], stream[9:12], stream[12:]]
for piece in pieces:
    s.sendall(piece)
    time.sleep(0.05)
s.shutdown(socket.SHUT_WR)
while s.recv(100):
    pass
`

describe('socket-workbench --framing', () => {
  needs('python3').it(
    'listen --json shows one frame line per length-prefixed frame however it was split',
    async () => {
      const cli = startCli(['listen', '0', '--framing', 'length:u16be', '--json', '--once'])
      const listen = await cli.waitForJson((line) => line.type === 'listen', 'the listen line')
      const port = Number(String(listen.local).split(':').pop())
      const sender = spawn('python3', ['-c', PYTHON_SPLIT_SENDER, String(port)], { stdio: 'ignore' })
      await within(cli.exited, 'the CLI to end after the client left', 15_000)
      sender.kill()
      const frames = cli.jsonLines().filter((line: JsonLine) => line.type === 'frame')
      // Length-prefix frames keep their header (CLI-CONTRACT): 2 + payload bytes each.
      expect(frames.map((line) => line.hex)).toEqual(['0005616c706861', '0000', '000b67616d6d612d64656c7461'])
      expect(frames.map((line) => line.bytes)).toEqual([7, 2, 13])
      // The raw chunks are there too (how many depends on how the wire split them).
      expect(cli.jsonLines().filter((line) => line.type === 'received').length).toBeGreaterThan(0)
    },
  )

  it('listen --echo answers each CRLF line once, and stdout shows one frame per line', async () => {
    const cli = startCli(['listen', '0', '--framing', 'delimiter:\\r\\n', '--echo', '--once'])
    const port = await announcedPort(cli, 'listening on')
    const client = await nodeTcpClient('127.0.0.1', port)
    client.socket.write('one\r')
    client.socket.write('\ntw')
    client.socket.write('o\r\n')
    // The delimiter is left out of each frame, so the echo is the bare lines.
    expect((await client.received.waitForBytes(6)).toString()).toBe('onetwo')
    client.socket.end()
    await within(cli.exited, 'the CLI to end', 10_000)
    expect(cli.stdout.bytes.toString()).toBe('one\ntwo\n')
  })

  it('many frames in one read are one line each on stdout, and one JSON object each', async () => {
    const lines = Array.from({ length: 40 }, (_, index) => `line ${index}`)
    const stream = lines.map((line) => `${line}\n`).join('')
    /** Runs `listen` with LF framing and `extra`; one client writes every line at once, then leaves. */
    async function listenTo(json: boolean) {
      const cli = startCli([
        'listen',
        '0',
        '--framing',
        'delimiter:\\n',
        '--once',
        ...(json ? ['--json'] : []),
      ])
      const port = json
        ? Number(
            String((await cli.waitForJson((line) => line.type === 'listen', 'listen')).local)
              .split(':')
              .pop(),
          )
        : await announcedPort(cli, 'listening on')
      const client = await nodeTcpClient('127.0.0.1', port)
      // One write: on loopback it arrives as one read (or a few), so the engine frames many lines at once.
      client.socket.end(stream)
      await within(cli.exited, 'the CLI to end after the client left', 10_000)
      return cli
    }
    expect((await listenTo(false)).stdout.bytes.toString()).toBe(stream)
    const json = await listenTo(true)
    const data = json
      .jsonLines()
      .filter((line: JsonLine) => line.type === 'frame' || line.type === 'received')
    const frames = data.filter((line) => line.type === 'frame')
    expect(frames.map((line) => Buffer.from(String(line.hex), 'hex').toString())).toEqual(lines)
    expect(frames.map((line) => line.bytes)).toEqual(lines.map((line) => line.length))
    expect(data.length - frames.length).toBeLessThan(lines.length)
    expect(data[0]?.type).toBe('received')
  })

  it('refuses a framing spec it cannot read, and idle framing on UDP, with exit 2 and one line', async () => {
    for (const args of [
      ['listen', '0', '--framing', 'length:u24be'],
      ['listen', '0', '--framing', 'sometimes'],
      ['connect', '-u', '127.0.0.1', '9', '--framing', 'idle:50'],
    ]) {
      const { code, stderr } = await runCliToEnd(args)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(/^socket-workbench: ERR_(USAGE|INVALID_REQUEST): .*(framing|idle)/i)
    }
  })
})
