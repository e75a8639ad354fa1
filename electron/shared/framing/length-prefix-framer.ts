import { ChunkList } from './chunk-list'
import { FrameBatchBuilder } from './frame-batch'
import type { Framer } from './framer'

/** The length field's width and byte order, as the UI and the CLI name them. */
export const LENGTH_FIELDS = ['u8', 'u16be', 'u16le', 'u32be', 'u32le'] as const
export type LengthField = (typeof LENGTH_FIELDS)[number]

const fieldWidth: Record<LengthField, 1 | 2 | 4> = { u8: 1, u16be: 2, u16le: 2, u32be: 4, u32le: 4 }

/**
 * The field's value at `at`, read in place (no view object per frame: this runs once per frame). The top byte of
 * a u32 is multiplied, not shifted: a shift would make a u32 with its top bit set negative.
 */
const readField: Record<LengthField, (bytes: Uint8Array, at: number) => number> = {
  u8: (bytes, at) => bytes[at],
  u16be: (bytes, at) => (bytes[at] << 8) | bytes[at + 1],
  u16le: (bytes, at) => bytes[at] | (bytes[at + 1] << 8),
  u32be: (bytes, at) =>
    bytes[at] * 0x1000000 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]),
  u32le: (bytes, at) =>
    bytes[at + 3] * 0x1000000 + ((bytes[at + 2] << 16) | (bytes[at + 1] << 8) | bytes[at]),
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

/** Frames announce their own length in a header. A frame over the maximum is skipped as soon as its header says so. */
export function createLengthPrefixFramer({
  field,
  offset,
  adjust,
  maxFrameBytes,
}: LengthPrefixFraming): Framer {
  const headerLength = offset + fieldWidth[field]
  const read = readField[field]
  const held = new ChunkList()
  const out = new FrameBatchBuilder()
  /** The current frame's length once its header is read. */
  let frameLength: number | undefined
  /** Bytes still to drop of a frame that was too long. */
  let skipping = 0

  /**
   * A whole header starts at `at` in `bytes`: the frame's length, or undefined after reporting why the frame will
   * not be kept (an over-long one is then skipped).
   */
  function readHeader(bytes: Uint8Array, at: number): number | undefined {
    const length = headerLength + read(bytes, at + offset) + adjust
    if (length < headerLength) {
      // No boundary to resynchronise on: drop the header, as Netty does, and read the next bytes as a header.
      out.other({ type: 'bad-length', frameLength: length })
      return undefined
    }
    if (length > maxFrameBytes) {
      out.other({ type: 'too-long', byteLength: length })
      skipping = length - headerLength
      return undefined
    }
    return length
  }

  /**
   * Nothing is held: frames wholly inside the chunk are reported as offsets (no copy and no allocation per frame);
   * returns where reading goes on (a skip to make, or a frame the chunk does not finish).
   */
  function inPlace(chunk: Uint8Array, start: number): number {
    const end = chunk.length
    while (skipping === 0 && end - start >= headerLength) {
      const length = readHeader(chunk, start)
      if (length === undefined) {
        start += headerLength
      } else if (end - start >= length) {
        out.frame(start, start + length)
        start += length
      } else {
        held.push(chunk.subarray(start, start + headerLength))
        frameLength = length
        return start + headerLength
      }
    }
    return start
  }

  return {
    push(chunk) {
      out.begin(chunk)
      let start = 0
      while (start < chunk.length || held.byteLength === frameLength) {
        if (skipping > 0) {
          const skipped = Math.min(skipping, chunk.length - start)
          skipping -= skipped
          start += skipped
          continue
        }
        if (frameLength === undefined && held.byteLength === 0 && chunk.length - start >= headerLength) {
          start = inPlace(chunk, start)
          continue
        }
        const target = frameLength ?? headerLength
        const taken = Math.min(target - held.byteLength, chunk.length - start)
        held.push(chunk.subarray(start, start + taken))
        start += taken
        if (held.byteLength < target) break
        if (frameLength === undefined) {
          const header = held.take()
          frameLength = readHeader(header, 0)
          if (frameLength !== undefined) held.push(header)
        } else {
          out.other({ type: 'frame', bytes: held.take() })
          frameLength = undefined
        }
      }
      return out
    },
    flush() {
      out.begin()
      if (held.byteLength > 0) out.other({ type: 'incomplete', byteLength: held.byteLength })
      held.clear()
      frameLength = undefined
      skipping = 0
      return out
    },
    idle: () => out.begin(),
  }
}
