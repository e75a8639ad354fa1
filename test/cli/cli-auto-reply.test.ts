import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ByteCollector, nodeUdpPeer, within } from '../helpers/peers'
import { needs } from '../helpers/system-tools'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

// --reply 'MATCH=>REPLY' and --echo: the engine's auto-reply stage answers, the CLI shows the answers as sends.
// Peers are ncat, python3 and plain Node sockets.

afterEach(async () => {
  await stopAllCli()
})

needs('ncat').describe('listen --reply with an ncat client', () => {
  it('answers lines by the first rule that matches, regex captures included; --json shows the sends', async () => {
    const cli = startCli([
      'listen',
      '0',
      '--framing',
      'delimiter:\\n',
      '--reply',
      'exact:ping=>pong\\n',
      '--reply',
      'regex:^GET (\\w+)$=>VALUE {{1}}=42\\n',
      '--reply',
      'contains:i=>has i\\n',
      '--json',
      '--once',
    ])
    const listen = await cli.waitForJson((line) => line.type === 'listen', 'the listen line')
    const port = Number(String(listen.local).split(':').pop())
    const ncat = spawn('ncat', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'inherit'] })
    const output = new ByteCollector()
    ncat.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    await cli.waitForJson((line) => line.type === 'accept', 'ncat to be accepted')
    ncat.stdin.write('ping\nGET temp\nlike it\nnone\n')
    const expected = 'pong\nVALUE temp=42\nhas i\n'
    await output.waitForBytes(expected.length, 'three replies at ncat')
    expect(output.bytes.toString()).toBe(expected)
    ncat.stdin.end()
    await within(once(ncat, 'close'), 'ncat to finish')
    expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)
    const sent = cli.jsonLines().filter((line) => line.type === 'sent')
    expect(sent.map((line) => Buffer.from(String(line.hex), 'hex').toString())).toEqual([
      'pong\n',
      'VALUE temp=42\n',
      'has i\n',
    ])
    expect(sent.every((line) => line.connection === 'c1')).toBe(true)
    // Each answer is told as a 'rule' line: which rule matched, in the order the messages came.
    const rules = cli.jsonLines().filter((line) => line.type === 'rule')
    expect(rules.map((line) => line.rule)).toEqual([1, 2, 3])
    expect(rules.every((line) => line.connection === 'c1')).toBe(true)
  })
})

/** A Modbus RTU master in python3: sends a read-holding-registers request with its CRC, checks the reply's CRC. */
const MODBUS_RTU_MASTER = `
import socket, struct, sys
def crc16_modbus(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return struct.pack('<H', crc)
request = bytes([1, 3, 0, 0, 0, 10])
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(request + crc16_modbus(request))
reply = b''
while len(reply) < 7:
    chunk = s.recv(64)
    if not chunk:
        break
    reply += chunk
body, crc = reply[:-2], reply[-2:]
print(reply.hex(), 'crc-ok' if crc16_modbus(body) == crc else 'crc-bad')
s.close()
`

needs('python3').describe('listen --reply with a Modbus RTU master in python3', () => {
  it('answers a request with a reply whose CRC-16/MODBUS python computes the same', async () => {
    const cli = startCli([
      'listen',
      '0',
      '--reply',
      'hex:01 03=>hex:01 03 02 00 2a {{crc16-modbus}}',
      '--once',
    ])
    const port = await announcedPort(cli, 'listening on')
    const master = spawn('python3', ['-c', MODBUS_RTU_MASTER, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const printed = new ByteCollector()
    master.stdout.on('data', (chunk: Buffer) => printed.push(chunk))
    await within(once(master, 'close'), 'the python3 master to finish')
    // python3 computes the CRC itself: the reply is the rule's bytes and a CRC that agrees with python's.
    expect(printed.bytes.toString().trim()).toMatch(/^010302002a[0-9a-f]{4} crc-ok$/)
    expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)
  })
})

describe('connect and UDP', () => {
  it('connect --reply answers a server that asks (a plain Node server), and the run ends as usual', async () => {
    const server = createServer()
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const port = (server.address() as { port: number }).port
      const cli = startCli(['connect', '127.0.0.1', String(port), '--reply', 'prefix:login:=>admin\\r\\n'])
      const socket = await within(accepted, 'the CLI to connect')
      const got = new ByteCollector()
      socket.on('data', (chunk: Buffer) => got.push(chunk))
      socket.write('login: ')
      expect((await got.waitForBytes(7, 'the answer')).toString()).toBe('admin\r\n')
      socket.end()
      expect(await within(cli.exited, 'the CLI to end when the server closes')).toBe(0)
      expect(cli.stdout.bytes.toString()).toBe('login: ')
    } finally {
      server.close()
    }
  })

  it('listen --udp --reply hex:… answers each sender at its own address', async () => {
    const cli = startCli(['listen', '--udp', '0', '--reply', 'hex:01 ??=>hex:06 {{0}}', '--echo'])
    const port = await announcedPort(cli, 'bound to')
    const one = await nodeUdpPeer('127.0.0.1')
    const two = await nodeUdpPeer('127.0.0.1')
    try {
      one.socket.send(Uint8Array.of(1, 9), port, '127.0.0.1')
      two.socket.send(Buffer.from('other'), port, '127.0.0.1')
      expect([...(await one.nextMessage()).data]).toEqual([6])
      // Echo answers what no rule did.
      expect((await two.nextMessage()).data.toString()).toBe('other')
    } finally {
      await one.close()
      await two.close()
    }
  })

  needs('python3').it(
    'listen --echo on TCP is the engine answering: a python3 client gets its bytes back',
    async () => {
      const cli = startCli(['listen', '0', '--echo', '--once'])
      const port = await announcedPort(cli, 'listening on')
      const script = `
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(bytes(range(256)))
data = b''
while len(data) < 256:
    data += s.recv(4096)
s.close()
sys.stdout.write(data.hex())
`
      const python = spawn('python3', ['-c', script, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] })
      const output = new ByteCollector()
      python.stdout.on('data', (chunk: Buffer) => output.push(chunk))
      await within(once(python, 'close'), 'python3 to finish')
      expect(output.bytes.toString()).toBe(
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex'),
      )
      expect(await within(cli.exited, 'the CLI to exit after --once')).toBe(0)
    },
  )
})

describe('--reply usage errors', () => {
  it.each([
    [['--reply', 'ping'], /ERR_USAGE: --reply: Reply 'ping': write it MATCH=>REPLY/],
    [['--reply', 'starts:a=>b'], /the match starts with its type and a colon: exact:, prefix:/],
    [['--reply', 'regex:(a=>b'], /Reply 'regex:\(a=>b': match: .*Unterminated group/],
    [['--reply', 'hex:01 zz=>b'], /match: 'zz' at column 4/],
  ])('%j: exit 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await runCliToEnd(['listen', '0', ...args])
    expect(code, stderr).toBe(2)
    expect(stdout.byteLength).toBe(0)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(message)
  })

  it('a reply that cannot be read is refused by the engine with its rule number, exit 2, nothing opened', async () => {
    const { code, stderr } = await runCliToEnd([
      'listen',
      '0',
      '--reply',
      'contains:a=>x',
      '--reply',
      'contains:b=>hex:0g',
    ])
    expect(code, stderr).toBe(2)
    expect(stderr).toMatch(/ERR_INVALID_REQUEST: auto-reply rule 2: Reply: invalid hex digit 'g' at column 2/)
    expect(stderr).not.toMatch(/listening on/)
  })
})
