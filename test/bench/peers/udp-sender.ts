import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { servePeer } from './peer-channel'

// Outside UDP sender: datagrams for `durationMs`, as fast as possible or paced at `rate` per second.

interface Request {
  port: number
  size: number
  durationMs: number
  rate?: number
}

const BURST = 256

servePeer<Request>(async ({ port, size, durationMs, rate }) => {
  const socket = createSocket('udp4')
  socket.connect(port, '127.0.0.1')
  await once(socket, 'connect')
  const datagram = Buffer.alloc(size, 0x62)
  const started = performance.now()
  const elapsed = (): number => performance.now() - started
  /** How many should be out by now: unpaced, always one more burst. */
  const due = (sent: number): number =>
    rate === undefined ? sent + BURST : Math.floor((elapsed() / 1000) * rate)
  let sent = 0
  let lastSent: Promise<void> = Promise.resolve()
  while (elapsed() < durationMs) {
    const target = Math.min(due(sent), sent + BURST)
    for (; sent < target - 1; sent++) socket.send(datagram)
    if (sent < target) {
      lastSent = new Promise((resolve) => socket.send(datagram, () => resolve()))
      sent++
    }
    // Yield so the sends go out; paced and ahead of schedule, wait a millisecond.
    await new Promise((resolve) => (sent < due(sent) ? setImmediate(resolve) : setTimeout(resolve, 1)))
  }
  await lastSent
  const ms = elapsed()
  socket.close()
  return { sent, ms }
})
