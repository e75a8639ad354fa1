import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram'
import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

// Peers that are not our engine: plain node sockets and socat. Every wait is event-driven with a timeout.

const WAIT_MS = 10_000

/** Bytes that arrive over time; waits resolve on the arrival that satisfies them. */
export class Inbox {
  private data = Buffer.alloc(0)
  private readonly wakers = new Set<() => void>()

  push(chunk: Buffer): void {
    this.data = Buffer.concat([this.data, chunk])
    for (const wake of this.wakers) wake()
  }

  get bytes(): Buffer {
    return this.data
  }

  text(): string {
    return this.data.toString('latin1')
  }

  /** Resolves once at least `length` bytes arrived, with exactly the first `length` bytes. */
  async take(length: number, what = `${length} bytes`): Promise<Buffer> {
    await this.until(() => this.data.length >= length, what)
    return this.data.subarray(0, length)
  }

  until(condition: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return
        this.wakers.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.wakers.delete(check)
        reject(new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.text())}`))
      }, WAIT_MS)
      this.wakers.add(check)
      check()
    })
  }
}

export interface TcpPeer {
  socket: Socket
  inbox: Inbox
  /** host:port of this peer as the other side sees it. */
  address: string
  /** Resolves when the other side ends or closes the connection. */
  closed: Promise<void>
}

const label = (address: string, port: number): string =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`

function track(socket: Socket): Omit<TcpPeer, 'address'> {
  const inbox = new Inbox()
  socket.on('data', (chunk: Buffer) => inbox.push(chunk))
  socket.on('error', () => undefined) // a reset from the other side shows as `closed`
  const closed = new Promise<void>((resolve) => {
    socket.once('end', resolve)
    socket.once('close', () => resolve())
  })
  return { socket, inbox, closed }
}

/** An outside TCP client connected to host:port. */
export async function tcpClient(host: string, port: number): Promise<TcpPeer> {
  const socket = connect({ host, port })
  await once(socket, 'connect', { signal: AbortSignal.timeout(WAIT_MS) })
  return { ...track(socket), address: label(socket.localAddress!, socket.localPort!) }
}

/** An outside TCP server; each accepted connection is tracked in arrival order. */
export class TcpServerPeer {
  readonly server: Server
  readonly connections: TcpPeer[] = []
  private readonly arrivals = new Inbox()

  private constructor(server: Server) {
    this.server = server
    server.on('connection', (socket) => {
      this.connections.push({ ...track(socket), address: label(socket.remoteAddress!, socket.remotePort!) })
      this.arrivals.push(Buffer.from([0]))
    })
  }

  static async listen(host: string): Promise<TcpServerPeer> {
    const server = createServer()
    server.listen(0, host)
    await once(server, 'listening', { signal: AbortSignal.timeout(WAIT_MS) })
    return new TcpServerPeer(server)
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  async accepted(index = 0): Promise<TcpPeer> {
    await this.arrivals.until(() => this.connections.length > index, `connection ${index + 1}`)
    return this.connections[index]!
  }

  close(): void {
    for (const { socket } of this.connections) socket.destroy()
    this.server.close()
  }
}

/** A port nothing listens on right now: bound by the kernel, then released. */
export async function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  const server = createServer()
  server.listen(0, host)
  await once(server, 'listening', { signal: AbortSignal.timeout(WAIT_MS) })
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export async function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  socket.bind(0, host)
  await once(socket, 'listening', { signal: AbortSignal.timeout(WAIT_MS) })
  const { port } = socket.address()
  await new Promise<void>((resolve) => socket.close(() => resolve()))
  return port
}

/** Proves a TCP port is free by binding it (and releasing it again). */
export async function canBindTcp(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = createServer()
  server.listen(port, host)
  const outcome = await Promise.race([
    once(server, 'listening').then(() => true),
    once(server, 'error').then(() => false),
  ])
  if (outcome) await new Promise((resolve) => server.close(resolve))
  return outcome
}

export interface Datagram {
  data: Buffer
  from: RemoteInfo
}

/** An outside UDP socket bound on host, port 0. */
export class UdpPeer {
  readonly datagrams: Datagram[] = []
  private readonly arrivals = new Inbox()

  private constructor(readonly socket: UdpSocket) {
    socket.on('message', (data, from) => {
      this.datagrams.push({ data, from })
      this.arrivals.push(Buffer.from([0]))
    })
  }

  static async bind(host: string): Promise<UdpPeer> {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
    socket.bind(0, host)
    await once(socket, 'listening', { signal: AbortSignal.timeout(WAIT_MS) })
    return new UdpPeer(socket)
  }

  get port(): number {
    return this.socket.address().port
  }

  async send(data: string | Buffer, port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.socket.send(data, port, host, (error) => (error ? reject(error) : resolve())),
    )
  }

  async received(index = 0): Promise<Datagram> {
    await this.arrivals.until(() => this.datagrams.length > index, `datagram ${index + 1}`)
    return this.datagrams[index]!
  }

  close(): void {
    this.socket.close()
  }
}

/** socat as an outside peer: its stdin goes to the socket, what it receives lands in `inbox`. */
export class Socat {
  readonly inbox = new Inbox()
  private stderr = ''

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.inbox.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
  }

  /** `socat -d -d STDIO <address>`; resolves once socat reports the connection. */
  static async connect(address: string): Promise<Socat> {
    const socat = new Socat(spawn('socat', ['-d', '-d', 'STDIO', address]))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socat did not connect: ${socat.stderr}`)), WAIT_MS)
      const check = (): void => {
        if (!/starting data transfer loop/.test(socat.stderr)) return
        clearTimeout(timer)
        resolve()
      }
      socat.child.stderr.on('data', check)
      socat.child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`socat exited with ${code}: ${socat.stderr}`))
      })
    })
    return socat
  }

  write(text: string): void {
    this.child.stdin.write(text)
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL')
  }
}
