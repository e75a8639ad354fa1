import { connect } from 'node:tls'
import { servePeer } from './peer-channel'

// Outside TLS sender: connects (trusting nothing, checking nothing: the benchmark measures throughput), writes
// `bytes` as fast as the socket takes them (honouring backpressure), ends.

const CHUNK_BYTES = 64 * 1024
const POOL = Buffer.from(Array.from({ length: 4 * CHUNK_BYTES }, () => 0x20 + Math.floor(Math.random() * 95)))
const STEP = 4099

servePeer<{ port: number; bytes: number }>(
  ({ port, bytes }) =>
    new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', rejectUnauthorized: false })
      let written = 0
      let start = 0
      socket.once('error', reject)
      socket.on('data', () => {})
      function pump(): void {
        while (written < bytes) {
          const length = Math.min(CHUNK_BYTES, bytes - written)
          start = (start + STEP) % (POOL.length - CHUNK_BYTES)
          written += length
          if (!socket.write(POOL.subarray(start, start + length))) return void socket.once('drain', pump)
        }
        socket.end()
      }
      socket.once('secureConnect', pump)
      socket.once('finish', () => resolve({ sent: written }))
      socket.once('end', () => socket.destroy())
    }),
)
