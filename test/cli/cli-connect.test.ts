import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readCapture } from '../../electron/core/capture'
import {
  ByteCollector,
  freeTcpPort,
  ncatTcpEchoServer,
  nodeUdpPeer,
  pythonBlackholeListener,
  pythonUdpEcho,
  socatTcpEchoServer,
  within,
  type ChildPeer,
} from '../helpers/peers'
import { runCliToEnd, startCli, stopAllCli, type JsonLine } from './cli-process'

const peers: ChildPeer[] = []
const temps: string[] = []

afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

const PYTHON_GREETER = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
c.sendall(b'hello from python\\n')
line = b''
while not line.endswith(b'\\n'):
    chunk = c.recv(100)
    if not chunk:
        break
    line += chunk
c.sendall(b'got: ' + line)
c.close()
`

/** python3 TCP server: greets, answers one line with "got: LINE", closes. Resolves with its port. */
async function pythonGreeter(): Promise<number> {
  const child = spawn('python3', ['-c', PYTHON_GREETER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const stdout = new ByteCollector()
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  peers.push({
    child,
    stdout,
    stderrText: () => '',
    write: () => undefined,
    endInput: () => undefined,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await within(exited, 'python3 to exit')
    },
  })
  const firstLine = await within(
    new Promise<string>((resolve) =>
      child.stdout.on('data', () => stdout.bytes.includes(0x0a) && resolve(stdout.bytes.toString())),
    ),
    'python3 to print its port',
  )
  return Number(firstLine.split('\n')[0])
}

const parseLines = (stdout: Buffer): JsonLine[] =>
  stdout
    .toString()
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonLine)

describe('socket-workbench connect, against programs that are not our engine', () => {
  it('TCP to an ncat echo server: sends every payload in order and prints the echo; ends after --wait of silence', async () => {
    const server = await ncatTcpEchoServer('127.0.0.1')
    peers.push(server.peer)
    const { code, stdout, stderr } = await runCliToEnd([
      'connect',
      '127.0.0.1',
      String(server.port),
      '--send',
      'hello\\n',
      '--send-hex',
      '00ff',
      '--send',
      '\\x41\\tB',
      // Long enough for a loaded machine to echo; the run ends by this silence, as ncat's peer never closes.
      '--wait',
      '1000',
    ])
    expect(code, stderr).toBe(0)
    expect(stdout.equals(Buffer.from('hello\n\x00\xffA\tB', 'latin1'))).toBe(true)
    expect(stderr).toContain(`connected to 127.0.0.1:${server.port} from 127.0.0.1:`)
    expect(stderr).toMatch(/sent 6 bytes to 127\.0\.0\.1:\d+\nsent 2 bytes to/)
  })

  it('TCP to a python3 server: prints its greeting and its answer, ends when it closes; --record holds both', async () => {
    const port = await pythonGreeter()
    const dir = await mkdtemp(join(tmpdir(), 'cli-record-'))
    temps.push(dir)
    const file = join(dir, 'greeter.jsonl')
    // --keep-open: only the peer's close may end this run.
    const args = ['connect', '127.0.0.1', String(port), '--send', 'ping\\n', '-k', '--record', file]
    const { code, stdout, stderr } = await runCliToEnd(args)
    expect(code, stderr).toBe(0)
    expect(stdout.toString()).toBe('hello from python\ngot: ping\n')
    expect(stderr).toMatch(/closed 127\.0\.0\.1:\d+ by the peer/)
    // The greeting arrives while the capture file is still being opened: it must be recorded all the same.
    const received = (await readCapture(file)).events.flatMap((event) =>
      event.type === 'received' ? [Buffer.from(event.data).toString()] : [],
    )
    expect(received.join('')).toBe('hello from python\ngot: ping\n')
  })

  it('--json over IPv6 to socat: one event per line, every field as the contract says', async () => {
    const server = await socatTcpEchoServer('::1')
    peers.push(server.peer)
    const { code, stdout, stderr } = await runCliToEnd([
      'connect',
      '::1',
      String(server.port),
      '--json',
      '--send',
      'hi\\n',
      '--half-close',
      '-k',
    ])
    expect(code, stderr).toBe(0)
    expect(stderr).toBe('')
    const lines = parseLines(stdout)
    for (const line of lines) {
      expect(line.time).toMatch(ISO_TIME)
      expect(line.session).toBe('s1')
    }
    const types = lines.map((line) => line.type)
    expect(types.slice(0, 3)).toEqual(['socket', 'connect', 'connected'])
    expect(types).toEqual(expect.arrayContaining(['sent', 'half-close', 'received', 'end', 'close']))
    const remote = `[::1]:${server.port}`
    const connected = lines.find((line) => line.type === 'connected')!
    expect(connected).toMatchObject({ remote, local: expect.stringMatching(/^\[::1\]:\d+$/) })
    const sent = lines.find((line) => line.type === 'sent')!
    expect(sent).toMatchObject({ remote, local: connected.local, bytes: 3, hex: '68690a' })
    const received = lines.filter((line) => line.type === 'received')
    expect(received.map((line) => line.hex).join('')).toBe('68690a')
    expect(received[0]).toMatchObject({ remote, local: connected.local })
    expect(lines.at(-1)).toMatchObject({ type: 'close', scope: 'session', cause: 'peer' })
    expect(lines.some((line) => 'connection' in line)).toBe(false)
  })

  it('UDP to python3 echo servers on 127.0.0.1 and ::1, with --hex dumps', async () => {
    for (const host of ['127.0.0.1', '::1'] as const) {
      const server = await pythonUdpEcho(host)
      peers.push(server.peer)
      const { code, stdout, stderr } = await runCliToEnd([
        'connect',
        '--udp',
        host,
        String(server.port),
        '--send',
        'ping',
        '--send-hex',
        'c0ffee',
        '--hex',
        '--wait',
        '1000',
      ])
      expect(code, stderr).toBe(0)
      // A 16-byte-wide dump per datagram: offset | hex column padded to 47 characters | ASCII.
      const row = (hex: string, ascii: string): string => `00000000 | ${hex.padEnd(47)} | ${ascii}\n`
      expect(stdout.toString()).toBe(row('70 69 6e 67', 'ping') + row('c0 ff ee', '...'))
    }
  })

  it('--record FILE writes the capture the app would, readable by its reader', async () => {
    const server = await socatTcpEchoServer('127.0.0.1')
    peers.push(server.peer)
    const dir = await mkdtemp(join(tmpdir(), 'cli-record-'))
    temps.push(dir)
    const file = join(dir, 'run', 'capture.jsonl')
    const args = [
      'connect',
      '127.0.0.1',
      String(server.port),
      '--send',
      'abc',
      '--half-close',
      '--record',
      file,
    ]
    const { code, stderr } = await runCliToEnd(args)
    expect(code, stderr).toBe(0)
    expect(stderr).toContain(`recording to ${file}`)
    const { header, events } = await readCapture(file)
    expect(header?.session).toMatchObject({ kind: 'tcp-client', remote: { port: server.port } })
    const data = events.flatMap((event) =>
      event.type === 'sent' || event.type === 'received' ? [`${event.type} ${Buffer.from(event.data)}`] : [],
    )
    expect(data).toEqual(['sent abc', 'received abc'])
    expect(events.at(-1)).toMatchObject({ type: 'close', scope: 'session' })

    // The file is never overwritten: a second run refuses before sending anything.
    const again = await runCliToEnd(args)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/--record .*already exists/)
    expect((await readCapture(file)).events).toHaveLength(events.length)
  })

  it('--stdin: after the --send payloads, sends what arrives on stdin; --half-close at its end', async () => {
    const server = await socatTcpEchoServer('127.0.0.1')
    peers.push(server.peer)
    const cli = startCli(
      ['connect', '127.0.0.1', String(server.port), '--send', 'first;', '--stdin', '--half-close', '-k'],
      {
        stdin: 'pipe',
      },
    )
    await cli.waitForStderr(/^connected to /m)
    cli.child.stdin.write('from stdin;')
    await cli.stdout.waitForBytes(17, 'the first two echoes')
    cli.child.stdin.end('the end')
    expect(await within(cli.exited, 'the CLI to exit when socat closes')).toBe(0)
    expect(cli.stdout.bytes.toString()).toBe('first;from stdin;the end')
  })

  it('--keep-open with --timeout ends at the timeout, exit 0', async () => {
    const server = await socatTcpEchoServer('127.0.0.1')
    peers.push(server.peer)
    const startedAt = Date.now()
    const { code, stderr } = await runCliToEnd([
      'connect',
      '127.0.0.1',
      String(server.port),
      '-k',
      '--timeout',
      '400',
    ])
    expect(code, stderr).toBe(0)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400)
    expect(stderr).toContain('closed 127.0.0.1')
  })

  it('exit 3 with ETIMEDOUT when the connect does not complete by --timeout, and when UDP is refused', async () => {
    const blackhole = await pythonBlackholeListener()
    peers.push(blackhole.peer)
    const closed = await nodeUdpPeer('127.0.0.1')
    const udpPort = closed.port
    await closed.close()
    const [timedOut, udpRefused] = await Promise.all([
      runCliToEnd(['connect', '127.0.0.1', String(blackhole.port), '--timeout', '300']),
      runCliToEnd(['connect', '--udp', '127.0.0.1', String(udpPort), '--send', 'anyone?']),
    ])
    expect(timedOut.code).toBe(3)
    expect(timedOut.stderr).toMatch(
      /^socket-workbench: ETIMEDOUT: connection to 127\.0\.0\.1:\d+ timed out after 300 ms/m,
    )
    expect(udpRefused.code).toBe(3)
    expect(udpRefused.stderr).toMatch(/^socket-workbench: ECONNREFUSED: /m)
  })

  it('exit 3 with the code on stderr: ECONNREFUSED, ENOTFOUND', async () => {
    const closedPort = await freeTcpPort('127.0.0.1')
    const [refused, unknown, refusedJson] = await Promise.all([
      runCliToEnd(['connect', '127.0.0.1', String(closedPort), '--send', 'x']),
      runCliToEnd(['connect', 'nonexistent.invalid', '80']),
      runCliToEnd(['connect', '127.0.0.1', String(closedPort), '--json']),
    ])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(
      /^socket-workbench: ECONNREFUSED: connection to 127\.0\.0\.1:\d+ was refused/m,
    )
    expect(refused.stderr.match(/ECONNREFUSED/g)).toHaveLength(1)
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toMatch(
      /^socket-workbench: ENOTFOUND: host name nonexistent\.invalid could not be resolved/m,
    )
    expect(refusedJson.code).toBe(3)
    expect(parseLines(refusedJson.stdout).find((line) => line.type === 'error')).toMatchObject({
      code: 'ECONNREFUSED',
    })
    expect(refusedJson.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^socket-workbench: ECONNREFUSED: /),
    ])
  })
})
