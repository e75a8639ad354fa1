import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { ByteCollector, nodeTcpClient, nodeTcpServer, within, type NodeTcpServer } from '../helpers/peers'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

// --template and --repeat against peers that are not our engine: a python3 UDP receiver that checks each
// datagram's Modbus CRC with its own code, and a plain Node TCP server that collects the lines.

let server: NodeTcpServer | undefined
const children: ReturnType<typeof spawn>[] = []

afterEach(async () => {
  await stopAllCli()
  await server?.close()
  server = undefined
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

// Receives COUNT datagrams, checks each one's trailing CRC-16/MODBUS (low byte first) and prints
// "<register value> <ok|bad>" per datagram, then exits.
const PYTHON_MODBUS_RECEIVER = `
import socket, sys
count = int(sys.argv[1])
def crc16_modbus(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
for _ in range(count):
    data, _ = s.recvfrom(2048)
    body, crc = data[:-2], data[-2] | (data[-1] << 8)
    register = (body[2] << 8) | body[3]
    print(register, 'ok' if crc16_modbus(body) == crc else 'bad', flush=True)
`

async function pythonModbusReceiver(count: number) {
  const child = spawn('python3', ['-c', PYTHON_MODBUS_RECEIVER, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const stdout = new ByteCollector()
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stdout.on('end', () => stdout.end())
  await within(
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (stdout.bytes.includes(0x0a)) resolve()
      }
      child.stdout.on('data', check)
      check()
    }),
    'python3 to print its port',
  )
  const [portLine] = stdout.bytes.toString().split('\n')
  return { port: Number(portLine), output: stdout }
}

describe('socket-workbench --template and --repeat', () => {
  it('UDP --repeat 1 --count 20: python3 gets registers 1…20, each with a valid Modbus CRC', async () => {
    const receiver = await pythonModbusReceiver(20)
    const { code, stderr } = await runCliToEnd([
      'connect',
      '--udp',
      '127.0.0.1',
      String(receiver.port),
      '--template',
      '--send-hex',
      '01 06 {{u16be:counter}} 00 0a {{crc16-modbus}}',
      '--repeat',
      '1',
      '--count',
      '20',
      '--wait',
      '0',
    ])
    expect(code, stderr).toBe(0)
    const lines = (await receiver.output.waitForEnd('python3 to receive 20 datagrams'))
      .toString()
      .trim()
      .split('\n')
    expect(lines.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1} ok`))
  })

  it('TCP --repeat: a Node server receives n=1 … n=50 in order', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const { code, stderr } = await runCliToEnd([
      'connect',
      '127.0.0.1',
      String(server.port),
      '--template',
      '--send',
      'n={{counter}}\\n',
      '--repeat',
      '1',
      '--count',
      '50',
      '--wait',
      '0',
    ])
    expect(code, stderr).toBe(0)
    const peer = await server.nextPeer()
    const expected = Array.from({ length: 50 }, (_, i) => `n=${i + 1}\n`).join('')
    expect((await peer.received.waitForBytes(expected.length)).toString()).toBe(expected)
  })

  it('--template on one send expands it; without --template braces are plain text', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const port = String(server.port)
    const templated = await runCliToEnd([
      'connect',
      '127.0.0.1',
      port,
      '--template',
      '--send-hex',
      '01 03 00 00 00 0a {{crc16-modbus}}',
      '--wait',
      '0',
    ])
    expect(templated.code, templated.stderr).toBe(0)
    const first = await server.nextPeer()
    expect((await first.received.waitForBytes(8)).toString('hex')).toBe('01030000000ac5cd')
    const plain = await runCliToEnd(['connect', '127.0.0.1', port, '--send', '{{counter}}', '--wait', '0'])
    expect(plain.code, plain.stderr).toBe(0)
    const second = await server.nextPeer()
    expect((await second.received.waitForBytes(11)).toString()).toBe('{{counter}}')
  })

  it.each([
    [
      ['--template', '--send', 'a {{nope}}'],
      /--send "a \{\{nope\}\}": unknown macro \{\{nope\}\} at column 3/,
    ],
    [
      ['--template', '--send-hex', '01 {{u8:256}}'],
      /--send-hex .*u8 holds -128…255; 256 does not fit at column 9/,
    ],
    [['--send', 'x', '--count', '3'], /--count needs --repeat/],
    [['--send', 'x', '--send', 'y', '--repeat', '10'], /--repeat resends one message.*\(got 2\)/],
    [['--send', 'x', '--repeat', '0'], /--repeat takes a whole number from 1 to 3600000, not "0"/],
  ])('refuses %j with exit 2 before connecting', async (options, message) => {
    const { code, stderr } = await runCliToEnd(['connect', '127.0.0.1', '9', ...options])
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).not.toMatch(/connect/i)
  })

  it('listen --template greets each client with its own expansion; --repeat is refused for a server', async () => {
    const cli = startCli(['listen', '0', '--template', '--send', 'hello #{{counter}}\\n'])
    const port = await announcedPort(cli, 'listening on')
    const first = await nodeTcpClient('127.0.0.1', port)
    expect((await first.received.waitForBytes(9)).toString()).toBe('hello #1\n')
    const second = await nodeTcpClient('127.0.0.1', port)
    expect((await second.received.waitForBytes(9)).toString()).toBe('hello #2\n')
    first.socket.destroy()
    second.socket.destroy()
    const refused = await runCliToEnd(['listen', '0', '--send', 'x', '--repeat', '10'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--repeat applies to clients/)
  })
})
