import { spawn } from 'node:child_process'
import { createSocket, type Socket as DgramSocket } from 'node:dgram'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { within } from '../../helpers/peers'

// Peers of the generator tests: plain node sockets and a python3 program, never our engine.

/** PEM files of the certificate a TLS peer presents: the TCP peers below serve TLS when given one. */
export interface PeerCertificate {
  cert: string
  key: string
}

export interface UdpCounter {
  port: number
  count: number
  /** performance.now() of the last datagram. */
  lastAt: number
  waitForCount(count: number, ms?: number): Promise<void>
  close(): Promise<void>
}

/** Counts datagrams and nothing else. */
export async function nodeUdpCounter(recvBufferSize = 8 * 1024 * 1024): Promise<UdpCounter> {
  const socket = createSocket('udp4')
  const waiters = new Set<() => void>()
  const counter: UdpCounter = {
    port: 0,
    count: 0,
    lastAt: 0,
    waitForCount: (count, ms) =>
      within(
        new Promise<void>((resolve) => {
          const check = (): void => {
            if (counter.count < count) return
            waiters.delete(check)
            resolve()
          }
          waiters.add(check)
          check()
        }),
        `${count} datagrams at the node counter (got ${counter.count})`,
        ms,
      ),
    close: () => closeDgram(socket),
  }
  socket.on('message', () => {
    counter.count += 1
    counter.lastAt = performance.now()
    for (const waiter of [...waiters]) waiter()
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  socket.setRecvBufferSize(recvBufferSize)
  counter.port = socket.address().port
  return counter
}

/**
 * Echoes each datagram to its sender after `delayMs`; with `swapPairs` every second datagram goes back before the
 * one before it (1, 0, 3, 2, …).
 */
export async function nodeUdpEcho({ delayMs = 0, swapPairs = false } = {}): Promise<{
  port: number
  close(): Promise<void>
}> {
  const socket = createSocket('udp4')
  let held: { data: Buffer; port: number; address: string } | undefined
  const echo = (data: Buffer, port: number, address: string): void => {
    const send = (): void => socket.send(data, port, address)
    if (delayMs > 0) setTimeout(send, delayMs)
    else send()
  }
  socket.on('message', (data, from) => {
    if (!swapPairs) return echo(data, from.port, from.address)
    if (held === undefined) {
      held = { data, port: from.port, address: from.address }
      return
    }
    echo(data, from.port, from.address)
    echo(held.data, held.port, held.address)
    held = undefined
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  return { port: socket.address().port, close: () => closeDgram(socket) }
}

const PYTHON_DROP_TENTH = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
n = 0
while True:
    data, sender = s.recvfrom(70000)
    n += 1
    if n % 10 == 0:
        continue
    s.sendto(data, sender)
`

/** python3 UDP echo that drops every 10th datagram it receives. */
export async function pythonDropEveryTenthEcho(): Promise<{ port: number; stop(): void }> {
  const child = spawn('python3', ['-c', PYTHON_DROP_TENTH], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await within(once(child.stdout, 'data'), 'python3 echo to print its port')) as [Buffer]
  return { port: Number(line.toString().trim()), stop: () => child.kill('SIGTERM') }
}

export interface TcpPeer {
  port: number
  received: number
  waitForBytes(count: number): Promise<void>
  close(): Promise<void>
}

/** A TCP (or TLS) server whose connections echo each chunk after `delayMs`. */
export async function nodeTcpEcho(delayMs: number, tls?: PeerCertificate): Promise<TcpPeer> {
  return tcpPeer(
    (socket, peer) =>
      socket.on('data', (chunk: Buffer) => {
        peer.count(chunk.byteLength)
        setTimeout(() => socket.write(chunk), delayMs)
      }),
    tls,
  )
}

/** A TCP (or TLS) server that reads at most `bytesPerTick` every `tickMs`, and lets the rest wait (a slow reader). */
export async function nodeSlowReader(
  bytesPerTick: number,
  tickMs: number,
  tls?: PeerCertificate,
): Promise<TcpPeer> {
  return tcpPeer((socket, peer) => {
    socket.pause()
    const timer = setInterval(() => {
      let taken = 0
      let chunk: Buffer | null
      while (taken < bytesPerTick && (chunk = socket.read() as Buffer | null) !== null) {
        taken += chunk.byteLength
        peer.count(chunk.byteLength)
      }
    }, tickMs)
    socket.once('close', () => clearInterval(timer))
  }, tls)
}

/** Counts bytes and nothing else (over TLS when given a certificate). */
export async function nodeTcpCounter(tls?: PeerCertificate): Promise<TcpPeer> {
  return tcpPeer((socket, peer) => socket.on('data', (chunk: Buffer) => peer.count(chunk.byteLength)), tls)
}

async function tcpPeer(
  onConnection: (socket: Socket, peer: TcpPeer & { count(bytes: number): void }) => void,
  tls?: PeerCertificate,
): Promise<TcpPeer> {
  const sockets = new Set<Socket>()
  const waiters = new Set<() => void>()
  const peer = {
    port: 0,
    received: 0,
    count(bytes: number): void {
      peer.received += bytes
      for (const waiter of [...waiters]) waiter()
    },
    waitForBytes: (count: number) =>
      within(
        new Promise<void>((resolve) => {
          const check = (): void => {
            if (peer.received < count) return
            waiters.delete(check)
            resolve()
          }
          waiters.add(check)
          check()
        }),
        `${count} bytes at the node peer (got ${peer.received})`,
      ),
    close: () => closeServer(server, sockets),
  }
  // No Nagle: an echo held back for our ACK would add its delay to every round trip measured.
  const onSocket = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
    onConnection(socket, peer)
  }
  // node's own TLS server: the bytes counted and echoed are the plaintext, after the TLS layer.
  const server: Server =
    tls === undefined
      ? createServer({ noDelay: true }, onSocket)
      : createTlsServer({ noDelay: true, cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, onSocket)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  peer.port = (server.address() as { port: number }).port
  return peer
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy()
  return new Promise((resolve) => server.close(() => resolve()))
}

function closeDgram(socket: DgramSocket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()))
}
