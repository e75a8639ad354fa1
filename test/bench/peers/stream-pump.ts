import type { Socket } from 'node:net'

// What the outside TCP and TLS senders do once connected: write `bytes` as fast as the socket takes them (honouring
// backpressure), then end.

const CHUNK_BYTES = 64 * 1024
/** Printable ASCII in no pattern: every row's preview differs, as real traffic does (no cache flatters the UI). */
const POOL = Buffer.from(Array.from({ length: 4 * CHUNK_BYTES }, () => 0x20 + Math.floor(Math.random() * 95)))
/** Where each chunk starts in the pool: a step that shares no factor with the range, so starts keep moving. */
const STEP = 4099

/** Writes `bytes` once `socket` emits `ready`; resolves with what was written once every byte is in the kernel. */
export function pumpBytes(
  socket: Socket,
  bytes: number,
  ready: 'connect' | 'secureConnect',
): Promise<{ sent: number }> {
  return new Promise((resolve, reject) => {
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
    socket.once(ready, pump)
    // Done once every byte is handed to the kernel; the receiver may keep its side open (half-close).
    socket.once('finish', () => resolve({ sent: written }))
    socket.once('end', () => socket.destroy())
  })
}
