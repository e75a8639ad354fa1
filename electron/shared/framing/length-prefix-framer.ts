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

function readField(header: Uint8Array, field: LengthField, offset: number): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength)
  const width = fieldWidth[field]
  if (width === 1) return view.getUint8(offset)
  if (width === 2) return view.getUint16(offset, littleEndian[field])
  return view.getUint32(offset, littleEndian[field])
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

  /** The header is complete: what it says, or the report of why the frame will not be kept. */
  function readHeader(out: FramerOutput[]): void {
    const header = held.take()
    const length = headerLength + readField(header, field, offset) + adjust
    if (length < headerLength) {
      // No boundary to resynchronise on: drop the header, as Netty does, and read the next bytes as a header.
      out.push({ type: 'bad-length', frameLength: length })
    } else if (length > maxFrameBytes) {
      out.push({ type: 'too-long', byteLength: length })
      skipping = length - headerLength
    } else {
      held.push(header)
      frameLength = length
    }
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
        const target = frameLength ?? headerLength
        const taken = Math.min(target - held.byteLength, chunk.length - start)
        held.push(chunk.subarray(start, start + taken))
        start += taken
        if (held.byteLength < target) break
        if (frameLength === undefined) {
          readHeader(out)
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
