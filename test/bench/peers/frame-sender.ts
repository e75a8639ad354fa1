import { connect } from 'node:net'
import { servePeer } from './peer-channel'

// Outside sender of whole messages: connects, writes `frames` frames of `frameBytes` each as fast as the socket
// takes them (honouring backpressure), ends. 'length': a u16 BE length prefix (the bytes after it), then payload;
// 'lines': payload then LF. Payloads are printable bytes in no pattern, so no LF ever appears inside a line.

type FrameKind = 'length' | 'lines'

/** About the 64 KiB writes of the plain sender, in whole frames. */
const FRAMES_PER_WRITE = 655
const POOL_FRAMES = 4 * FRAMES_PER_WRITE
/** Where each write starts in the pool, in frames: shares no factor with the range, so starts keep moving. */
const STEP = 1021

function makePool(kind: FrameKind, frameBytes: number): Buffer {
  const bytes = Buffer.alloc(POOL_FRAMES * frameBytes)
  for (let at = 0; at < bytes.length; at++) bytes[at] = 0x20 + Math.floor(Math.random() * 95)
  for (let frame = 0; frame < POOL_FRAMES; frame++) {
    const start = frame * frameBytes
    if (kind === 'length') bytes.writeUInt16BE(frameBytes - 2, start)
    else bytes[start + frameBytes - 1] = 0x0a
  }
  return bytes
}

/** One pool per kind and size, built on first use, so the timed rounds only write. */
const pools = new Map<string, Buffer>()
function pool(kind: FrameKind, frameBytes: number): Buffer {
  const key = `${kind}/${frameBytes}`
  if (!pools.has(key)) pools.set(key, makePool(kind, frameBytes))
  return pools.get(key)!
}

servePeer<{ port: number; frames: number; frameBytes: number; kind: FrameKind }>(
  ({ port, frames, frameBytes, kind }) =>
    new Promise((resolve, reject) => {
      const source = pool(kind, frameBytes)
      const socket = connect(port, '127.0.0.1')
      let written = 0
      let start = 0
      socket.once('error', reject)
      socket.on('data', () => {})
      function pump(): void {
        while (written < frames) {
          const count = Math.min(FRAMES_PER_WRITE, frames - written)
          start = (start + STEP) % (POOL_FRAMES - FRAMES_PER_WRITE)
          written += count
          const chunk = source.subarray(start * frameBytes, (start + count) * frameBytes)
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
