import { ChunkList } from './chunk-list'
import { FrameBatchBuilder } from './frame-batch'
import type { Framer } from './framer'

export interface FixedLengthFraming {
  /** Bytes in every frame (at most the maximum frame size, which the schema checks). */
  length: number
}

/** Every frame is exactly `length` bytes. */
export function createFixedLengthFramer({ length }: FixedLengthFraming): Framer {
  if (!(length >= 1)) throw new RangeError('A fixed frame length must be at least 1')
  const held = new ChunkList()
  const out = new FrameBatchBuilder()

  return {
    push(chunk) {
      out.begin(chunk)
      let start = 0
      if (held.byteLength > 0) {
        const needed = length - held.byteLength
        if (chunk.length < needed) {
          held.push(chunk)
          return out
        }
        held.push(chunk.subarray(0, needed))
        out.other({ type: 'frame', bytes: held.take() })
        start = needed
      }
      for (; chunk.length - start >= length; start += length) out.frame(start, start + length)
      held.push(chunk.subarray(start))
      return out
    },
    flush() {
      out.begin()
      if (held.byteLength > 0) out.other({ type: 'incomplete', byteLength: held.byteLength })
      held.clear()
      return out
    },
    idle: () => out.begin(),
  }
}
