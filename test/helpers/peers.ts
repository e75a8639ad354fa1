import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket, type RemoteInfo, type Socket as DgramSocket, type SocketType } from 'node:dgram'
import { once } from 'node:events'
import { createServer, connect, type Server, type Socket } from 'node:net'

// Peers that are not our engine: outside programs (socat, ncat, python3) as child processes, and plain
// node net/dgram sockets. Every wait is driven by an event and bounded by a timeout.

export const PEER_TIMEOUT_MS = 10_000

/** Rejects with `what` when `promise` does not settle within `ms`. */
export function within<T>(promise: Promise<T>, what: string, ms = PEER_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Collects a byte stream and resolves waits once enough bytes (or the end) arrived. */
export class ByteCollector {
  private chunks: Buffer[] = []
  private length = 0
  private ended = false
  private readonly waiters = new Set<() => void>()

  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.length += chunk.byteLength
    this.notify()
  }

  end(): void {
    this.ended = true
    this.notify()
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks)
  }

  get byteLength(): number {
    return this.length
  }

  get hasEnded(): boolean {
    return this.ended
  }

  /** Resolves with everything collected once at least `count` bytes arrived. */
  waitForBytes(count: number, what = `${count} bytes`, ms = PEER_TIMEOUT_MS): Promise<Buffer> {
    return within(
      this.until(() => this.length >= count),
      what,
      ms,
    ).then(() => this.bytes)
  }

  /** Resolves with everything collected once the stream ended. */
  waitForEnd(what = 'end of stream', ms = PEER_TIMEOUT_MS): Promise<Buffer> {
    return within(
      this.until(() => this.ended),
      what,
      ms,
    ).then(() => this.bytes)
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve()
    return new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return
        this.waiters.delete(check)
        resolve()
      }
      this.waiters.add(check)
    })
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter()
  }
}

export type LoopbackHost = '127.0.0.1' | '::1'

// ---------------------------------------------------------------- outside programs

export interface ChildPeer {
  child: ChildProcess
  stdout: ByteCollector
  stderrText(): string
  write(data: Uint8Array): void
  /** Closes the program's stdin (socat then sends FIN / ends). */
  endInput(): void
  exited: Promise<number | null>
  stop(): Promise<void>
}

function spawnPeer(command: string, args: string[]): ChildPeer {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const stdout = new ByteCollector()
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stdout.on('end', () => stdout.end())
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // A peer that exits early must not crash the test run through an EPIPE on its stdin.
  child.stdin.on('error', () => undefined)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    stdout,
    stderrText: () => stderr,
    write: (data) => child.stdin.write(data),
    endInput: () => child.stdin.end(),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await within(exited, `${command} to exit`)
    },
  }
}

/** Resolves with the first match of `pattern` in the program's stderr (its log). */
function waitForLog(peer: ChildPeer, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  const find = (): RegExpMatchArray | null => peer.stderrText().match(pattern)
  return within(
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = find()
        if (match === null) return
        peer.child.stderr?.off('data', check)
        resolve(match)
      }
      peer.child.stderr?.on('data', check)
      peer.child.once('exit', (code) =>
        reject(new Error(`${what}: exited with ${code}: ${peer.stderrText()}`)),
      )
      check()
    }),
    what,
  )
}

const socatHost = (host: LoopbackHost): string => (host === '::1' ? '[::1]' : host)
const tcpWord = (host: LoopbackHost): string => (host === '::1' ? 'TCP6' : 'TCP4')
const udpWord = (host: LoopbackHost): string => (host === '::1' ? 'UDP6' : 'UDP4')

export interface ListeningPeer {
  peer: ChildPeer
  port: number
}

/** socat echo server: every accepted connection gets its bytes back (`PIPE`); half-close is passed on. */
export async function socatTcpEchoServer(host: LoopbackHost): Promise<ListeningPeer> {
  const peer = spawnPeer('socat', [
    '-d',
    '-d',
    `${tcpWord(host)}-LISTEN:0,bind=${socatHost(host)},reuseaddr,fork`,
    'PIPE',
  ])
  const match = await waitForLog(peer, /listening on .*:(\d+)\s*$/m, 'socat to listen')
  return { peer, port: Number(match[1]) }
}

/** socat as a TCP client: its stdin goes to the connection, what arrives comes out on its stdout. */
export async function socatTcpClient(host: LoopbackHost, port: number): Promise<ChildPeer> {
  const peer = spawnPeer('socat', ['-d', '-d', '-', `${tcpWord(host)}:${socatHost(host)}:${port}`])
  await waitForLog(peer, /starting data transfer loop/, 'socat to connect')
  return peer
}

/** socat sending each stdin chunk as one datagram to host:port and printing the replies. */
export async function socatUdpClient(host: LoopbackHost, port: number): Promise<ChildPeer> {
  const peer = spawnPeer('socat', ['-d', '-d', '-', `${udpWord(host)}-SENDTO:${socatHost(host)}:${port}`])
  await waitForLog(peer, /starting data transfer loop/, 'socat to open its UDP socket')
  return peer
}

/** ncat echo server (`--exec cat` per connection) on a port picked free just before. */
export async function ncatTcpEchoServer(host: LoopbackHost): Promise<ListeningPeer> {
  const port = await freeTcpPort(host)
  const peer = spawnPeer('ncat', [
    '-v',
    '-l',
    '--keep-open',
    host === '::1' ? '-6' : '-4',
    host,
    String(port),
    '--exec',
    '/bin/cat',
  ])
  await waitForLog(peer, /Listening on/, 'ncat to listen')
  return { peer, port }
}

const PYTHON_UDP_ECHO = `
import socket, sys
family = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET
s = socket.socket(family, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 0))
print(s.getsockname()[1], flush=True)
while True:
    data, sender = s.recvfrom(70000)
    s.sendto(data, sender)
`

/** python3 UDP echo: every datagram goes back to its sender. Prints its port first. */
export async function pythonUdpEcho(host: LoopbackHost): Promise<ListeningPeer> {
  const peer = spawnPeer('python3', ['-c', PYTHON_UDP_ECHO, host])
  return { peer, port: await readPortLine(peer, 'python3 UDP echo') }
}

const PYTHON_FULL_BACKLOG = `
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
s.listen(0)
fillers = []
port = s.getsockname()[1]
# Fill the accept queue without ever accepting: further SYNs are dropped and connects hang.
for _ in range(4):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.setblocking(False)
    c.connect_ex(('127.0.0.1', port))
    fillers.append(c)
print(port, flush=True)
sys.stdin.read()
`

/** python3 listener whose accept queue is full: a connect to it neither succeeds nor is refused. */
export async function pythonBlackholeListener(): Promise<ListeningPeer> {
  const peer = spawnPeer('python3', ['-c', PYTHON_FULL_BACKLOG])
  return { peer, port: await readPortLine(peer, 'python3 listener') }
}

/** The port a python3 peer prints as its first stdout line. */
async function readPortLine(peer: ChildPeer, what: string): Promise<number> {
  await within(
    new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!peer.stdout.bytes.includes(0x0a)) return
        peer.child.stdout?.off('data', check)
        resolve()
      }
      peer.child.stdout?.on('data', check)
      peer.child.once('exit', (code) =>
        reject(new Error(`${what}: exited with ${code}: ${peer.stderrText()}`)),
      )
      check()
    }),
    `${what} to print its port`,
  )
  return Number(peer.stdout.bytes.toString().split('\n')[0])
}

// ---------------------------------------------------------------- plain node peers

/** A port that was free a moment ago (for programs that cannot report the one they got). */
export async function freeTcpPort(host: LoopbackHost): Promise<number> {
  const server = createServer()
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface NodeTcpPeer {
  socket: Socket
  received: ByteCollector
  closed: Promise<void>
}

function trackTcp(socket: Socket): NodeTcpPeer {
  const received = new ByteCollector()
  socket.on('data', (chunk: Buffer) => received.push(chunk))
  socket.on('end', () => received.end())
  socket.on('error', () => undefined)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return { socket, received, closed }
}

export interface NodeTcpServer {
  server: Server
  port: number
  /** Accepted connections, in order. */
  peers: NodeTcpPeer[]
  nextPeer(): Promise<NodeTcpPeer>
  close(): Promise<void>
}

/** Plain node TCP server; `allowHalfOpen` so half-close can be observed from its side too. */
export async function nodeTcpServer(host: LoopbackHost, allowHalfOpen = false): Promise<NodeTcpServer> {
  const server = createServer({ allowHalfOpen })
  const peers: NodeTcpPeer[] = []
  const waiting: Array<(peer: NodeTcpPeer) => void> = []
  server.on('connection', (socket) => {
    const peer = trackTcp(socket)
    peers.push(peer)
    waiting.shift()?.(peer)
  })
  server.listen(0, host)
  await once(server, 'listening')
  let taken = 0
  return {
    server,
    port: (server.address() as { port: number }).port,
    peers,
    nextPeer() {
      const index = taken++
      const peer = peers[index]
      if (peer !== undefined) return Promise.resolve(peer)
      return within(new Promise((resolve) => waiting.push(resolve)), 'a connection to the node server')
    },
    async close() {
      for (const peer of peers) peer.socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Plain node TCP client, connected. */
export async function nodeTcpClient(
  host: LoopbackHost,
  port: number,
  allowHalfOpen = false,
): Promise<NodeTcpPeer> {
  const socket = connect({ host, port, allowHalfOpen })
  const peer = trackTcp(socket)
  await within(once(socket, 'connect'), `node client to connect to ${host}:${port}`)
  return peer
}

export interface NodeUdpPeer {
  socket: DgramSocket
  port: number
  nextMessage(): Promise<{ data: Buffer; from: RemoteInfo }>
  close(): Promise<void>
}

/** Plain node UDP socket bound on loopback, queueing what it receives. */
export async function nodeUdpPeer(host: LoopbackHost): Promise<NodeUdpPeer> {
  const type: SocketType = host === '::1' ? 'udp6' : 'udp4'
  const socket = createSocket(type)
  const inbox: Array<{ data: Buffer; from: RemoteInfo }> = []
  const waiting: Array<(message: { data: Buffer; from: RemoteInfo }) => void> = []
  socket.on('message', (data, from) => {
    const waiter = waiting.shift()
    if (waiter === undefined) inbox.push({ data, from })
    else waiter({ data, from })
  })
  socket.bind(0, host)
  await once(socket, 'listening')
  return {
    socket,
    port: socket.address().port,
    nextMessage() {
      const queued = inbox.shift()
      if (queued !== undefined) return Promise.resolve(queued)
      return within(new Promise((resolve) => waiting.push(resolve)), 'a datagram at the node peer')
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  }
}

/** All 256 byte values, in order. */
export const everyByte = (): Uint8Array<ArrayBuffer> => new Uint8Array(256).map((_value, index) => index)
