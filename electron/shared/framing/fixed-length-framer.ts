import { ChunkList } from './chunk-list'
import { nothing, type Framer, type FramerOutput } from './framer'

export interface FixedLengthFraming {
  /** Bytes in every frame (at most the maximum frame size, which the schema checks). */
  length: number
}

/** Every frame is exactly `length` bytes. */
export function createFixedLengthFramer({ length }: FixedLengthFraming): Framer {
  if (!(length >= 1)) throw new RangeError('A fixed frame length must be at least 1')
  const held = new ChunkList()

  return {
    push(chunk) {
      const out: FramerOutput[] = []
      let start = 0
      for (let needed = length - held.byteLength; chunk.length - start >= needed; needed = length) {
        held.push(chunk.subarray(start, start + needed))
        out.push({ type: 'frame', bytes: held.take() })
        start += needed
      }
      held.push(chunk.subarray(start))
      return out
    },
    flush() {
      const heldBytes = held.byteLength
      held.clear()
      return heldBytes > 0 ? [{ type: 'incomplete', byteLength: heldBytes }] : nothing
    },
    idle: () => nothing,
  }
}
