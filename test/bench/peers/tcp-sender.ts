import { connect } from 'node:net'
import { servePeer } from './peer-channel'

// Outside TCP sender: connects, writes `bytes` as fast as the socket takes them (honouring backpressure), ends.

const CHUNK = Buffer.alloc(64 * 1024, 0x61)

servePeer<{ port: number; bytes: number }>(
  ({ port, bytes }) =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1')
      let written = 0
      socket.once('error', reject)
      socket.on('data', () => {})
      function pump(): void {
        while (written < bytes) {
          const chunk = bytes - written >= CHUNK.length ? CHUNK : CHUNK.subarray(0, bytes - written)
          written += chunk.length
          if (!socket.write(chunk)) return void socket.once('drain', pump)
        }
        socket.end()
      }
      socket.once('connect', pump)
      // Done once every byte is handed to the kernel; the receiver may keep its side open (half-close).
      socket.once('finish', () => resolve({ sent: written }))
      socket.once('end', () => socket.destroy())
    }),
)
