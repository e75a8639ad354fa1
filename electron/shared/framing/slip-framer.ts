import { ChunkList } from './chunk-list'
import { FrameBatchBuilder } from './frame-batch'
import type { Framer } from './framer'

// RFC 1055: END ends a packet; inside one, ESC ESC_END stands for END and ESC ESC_ESC for ESC.
export const SLIP_END = 0xc0
export const SLIP_ESC = 0xdb
export const SLIP_ESC_END = 0xdc
export const SLIP_ESC_ESC = 0xdd

export interface SlipFraming {
  maxFrameBytes: number
}

/**
 * SLIP packets, unescaped: each frame is a packet's payload. Empty packets (the END senders put first to flush
 * line noise) are not frames. An ESC before any other byte is a protocol violation; as RFC 1055's receiver
 * does, that byte is kept as it is.
 */
export function createSlipFramer({ maxFrameBytes }: SlipFraming): Framer {
  const held = new ChunkList()
  const out = new FrameBatchBuilder()
  /** Payload bytes of the current packet so far (decoded), held or discarded. */
  let frameLength = 0
  let discarding = false
  /** The last byte seen was an ESC: the next one says what it stands for. */
  let escaped = false

  function add(decoded: Uint8Array): void {
    if (decoded.length === 0) return
    frameLength += decoded.length
    if (discarding) return
    if (frameLength > maxFrameBytes) {
      discarding = true
      held.clear()
    } else {
      held.push(decoded)
    }
  }

  /** Bytes between ENDs, unescaped; a segment without ESC (the usual case) is kept as it is. */
  function take(segment: Uint8Array): void {
    if (segment.length === 0) return
    if (!escaped && segment.indexOf(SLIP_ESC) === -1) return add(segment)
    const decoded = new Uint8Array(segment.length)
    let length = 0
    for (const byte of segment) {
      if (escaped) {
        decoded[length++] = byte === SLIP_ESC_END ? SLIP_END : byte === SLIP_ESC_ESC ? SLIP_ESC : byte
        escaped = false
      } else if (byte === SLIP_ESC) {
        escaped = true
      } else {
        decoded[length++] = byte
      }
    }
    add(decoded.subarray(0, length))
  }

  function reset(): void {
    held.clear()
    frameLength = 0
    discarding = false
    escaped = false
  }

  function finish(): void {
    if (discarding) out.other({ type: 'too-long', byteLength: frameLength })
    else if (frameLength > 0) out.other({ type: 'frame', bytes: held.take() })
    reset()
  }

  return {
    push(chunk) {
      out.begin(chunk)
      let start = 0
      /** The first ESC at or after `start` (-1: none left): a packet before it needs no unescaping. */
      let nextEsc = chunk.indexOf(SLIP_ESC)
      for (let end = chunk.indexOf(SLIP_END, start); end !== -1; end = chunk.indexOf(SLIP_END, start)) {
        if (nextEsc !== -1 && nextEsc < start) nextEsc = chunk.indexOf(SLIP_ESC, start)
        if (frameLength > 0 || escaped || (nextEsc !== -1 && nextEsc < end)) {
          take(chunk.subarray(start, end))
          finish()
        } else if (end - start > maxFrameBytes) {
          // A whole packet in the chunk, as it is: no object per frame.
          out.other({ type: 'too-long', byteLength: end - start })
        } else if (end > start) {
          out.frame(start, end)
        }
        start = end + 1
      }
      take(chunk.subarray(start))
      return out
    },
    flush() {
      out.begin()
      if (frameLength > 0) out.other({ type: 'incomplete', byteLength: frameLength })
      reset()
      return out
    },
    idle: () => out.begin(),
  }
}

/** A payload as one SLIP packet (END first and last): for tests and for peers that speak SLIP. */
export function encodeSlip(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length * 2 + 2)
  let length = 0
  out[length++] = SLIP_END
  for (const byte of payload) {
    if (byte === SLIP_END) {
      out[length++] = SLIP_ESC
      out[length++] = SLIP_ESC_END
    } else if (byte === SLIP_ESC) {
      out[length++] = SLIP_ESC
      out[length++] = SLIP_ESC_ESC
    } else {
      out[length++] = byte
    }
  }
  out[length++] = SLIP_END
  return out.slice(0, length)
}
