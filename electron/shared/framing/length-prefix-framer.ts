import { ChunkList } from './chunk-list'
import { nothing, type Framer, type FramerOutput } from './framer'

/** The length field's width and byte order, as the UI and the CLI name them. */
export const LENGTH_FIELDS = ['u8', 'u16be', 'u16le', 'u32be', 'u32le'] as const
export type LengthField = (typeof LENGTH_FIELDS)[number]

const fieldWidth: Record<LengthField, 1 | 2 | 4> = { u8: 1, u16be: 2, u16le: 2, u32be: 4, u32le: 4 }
const littleEndian: Record<LengthField, boolean> = {
  u8: false,
  u16be: false,
  u16le: true,
  u32be: false,
  u32le: true,
}

/**
 * Netty's length-field model: `offset` bytes, then the field; the field's value plus `adjust` is the number of
 * bytes that follow the field. The header stays in the frame. Modbus/TCP's MBAP: offset 4, u16be, adjust 0.
 */
export interface LengthPrefixFraming {
  field: LengthField
  offset: number
  adjust: number
  maxFrameBytes: number
}

/** The field's value at `at` in `bytes`, read in place (no view object per frame: this runs once per frame). */
function readField(bytes: Uint8Array, at: number, field: LengthField): number {
  const width = fieldWidth[field]
  let value = 0
  // Multiplying, not shifting: a shift would make a u32 with its top bit set negative.
  for (let k = 0; k < width; k++) {
    value = value * 256 + bytes[littleEndian[field] ? at + width - 1 - k : at + k]
  }
  return value
}

/** Frames announce their own length in a header. A frame over the maximum is skipped as soon as its header says so. */
export function createLengthPrefixFramer({
  field,
  offset,
  adjust,
  maxFrameBytes,
}: LengthPrefixFraming): Framer {
  const headerLength = offset + fieldWidth[field]
  const held = new ChunkList()
  /** The current frame's length once its header is read. */
  let frameLength: number | undefined
  /** Bytes still to drop of a frame that was too long. */
  let skipping = 0

  /**
   * A whole header starts at `at` in `bytes`: the frame's length, or undefined after reporting why the frame will
   * not be kept (an over-long one is then skipped).
   */
  function readHeader(bytes: Uint8Array, at: number, out: FramerOutput[]): number | undefined {
    const length = headerLength + readField(bytes, at + offset, field) + adjust
    if (length < headerLength) {
      // No boundary to resynchronise on: drop the header, as Netty does, and read the next bytes as a header.
      out.push({ type: 'bad-length', frameLength: length })
      return undefined
    }
    if (length > maxFrameBytes) {
      out.push({ type: 'too-long', byteLength: length })
      skipping = length - headerLength
      return undefined
    }
    return length
  }

  /** Nothing is held and the chunk's rest holds a whole header: reads it there; returns where reading goes on. */
  function inPlace(chunk: Uint8Array, start: number, out: FramerOutput[]): number {
    const length = readHeader(chunk, start, out)
    if (length === undefined) return start + headerLength
    // A frame wholly inside the chunk is handed on as a view: no copy and no allocation per frame.
    if (chunk.length - start >= length) {
      out.push({ type: 'frame', bytes: chunk.subarray(start, start + length) })
      return start + length
    }
    held.push(chunk.subarray(start, start + headerLength))
    frameLength = length
    return start + headerLength
  }

  return {
    push(chunk) {
      const out: FramerOutput[] = []
      let start = 0
      while (start < chunk.length || held.byteLength === frameLength) {
        if (skipping > 0) {
          const skipped = Math.min(skipping, chunk.length - start)
          skipping -= skipped
          start += skipped
          continue
        }
        if (frameLength === undefined && held.byteLength === 0 && chunk.length - start >= headerLength) {
          start = inPlace(chunk, start, out)
          continue
        }
        const target = frameLength ?? headerLength
        const taken = Math.min(target - held.byteLength, chunk.length - start)
        held.push(chunk.subarray(start, start + taken))
        start += taken
        if (held.byteLength < target) break
        if (frameLength === undefined) {
          const header = held.take()
          frameLength = readHeader(header, 0, out)
          if (frameLength !== undefined) held.push(header)
        } else {
          out.push({ type: 'frame', bytes: held.take() })
          frameLength = undefined
        }
      }
      return out
    },
    flush() {
      const heldBytes = held.byteLength
      held.clear()
      frameLength = undefined
      skipping = 0
      return heldBytes > 0 ? [{ type: 'incomplete', byteLength: heldBytes }] : nothing
    },
    idle: () => nothing,
  }
}
