import { connect, type Socket } from 'node:net'
import { servePeer } from './peer-channel'

// Outside request→reply client: one connection per server, one request in flight at a time; each round trip's
// time (send to the whole reply) in milliseconds, measured here, away from the server's event loop.

const sockets = new Map<number, Socket>()

async function socketTo(port: number): Promise<Socket> {
  const known = sockets.get(port)
  if (known !== undefined) return known
  const socket = connect({ port, host: '127.0.0.1', noDelay: true })
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  sockets.set(port, socket)
  return socket
}

function roundTrips(socket: Socket, request: Buffer, replyBytes: number, count: number): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = []
    let got = 0
    let sentAt = 0
    const send = (): void => {
      got = 0
      sentAt = performance.now()
      socket.write(request)
    }
    const onData = (chunk: Buffer): void => {
      got += chunk.length
      if (got < replyBytes) return
      times.push(performance.now() - sentAt)
      if (times.length < count) return send()
      socket.off('data', onData)
      resolve(times)
    }
    socket.on('data', onData)
    send()
  })
}

servePeer<{ port: number; request: string; replyBytes: number; count: number }>(
  async ({ port, request, replyBytes, count }) => ({
    times: await roundTrips(await socketTo(port), Buffer.from(request), replyBytes, count),
  }),
)
