import type { Socket } from 'node:net'
import type { EngineUnderTest } from './engine-under-test'

// How the send benchmarks push bytes: through the engine with a few sends awaiting the kernel at once (as a sending
// loop in the UI would), and the baseline, straight into a Node socket (TCP or TLS) honouring backpressure.

export const SEND_CHUNK = Buffer.alloc(64 * 1024, 0x63)
/** Sends awaiting the kernel at once: enough to keep the socket busy. */
const IN_FLIGHT = 16

/** `bytes` in SEND_CHUNK sends through the engine; resolves when the last one is in the kernel. */
export function sendThroughEngine(subject: EngineUnderTest, sessionId: string, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let queued = 0
    let settled = 0
    let inFlight = 0
    function pump(): void {
      while (queued < bytes && inFlight < IN_FLIGHT) {
        queued += SEND_CHUNK.length
        inFlight++
        subject.engine.send({ sessionId, data: SEND_CHUNK }).then(() => {
          inFlight--
          settled += SEND_CHUNK.length
          if (settled >= bytes) resolve()
          else pump()
        }, reject)
      }
    }
    pump()
  })
}

/** `bytes` in SEND_CHUNK writes straight into `socket`, waiting for 'drain' when it asks. */
export function sendRaw(socket: Socket, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let written = 0
    function pump(): void {
      while (written < bytes) {
        written += SEND_CHUNK.length
        if (!socket.write(SEND_CHUNK)) return void socket.once('drain', pump)
      }
      resolve()
    }
    pump()
  })
}
