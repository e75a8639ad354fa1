import { ChunkList } from './chunk-list'
import { nothing, type Framer, type FramerOutput } from './framer'

export interface DelimiterFraming {
  /** One or more bytes that end a frame. */
  delimiter: Uint8Array
  /** Keep the delimiter at the end of each frame (otherwise it is left out). */
  keep: boolean
  maxFrameBytes: number
}

/** `needle[from, from + length)` equals `haystack[at, at + length)`. */
function matchesAt(
  haystack: Uint8Array,
  at: number,
  needle: Uint8Array,
  from: number,
  length: number,
): boolean {
  for (let k = 0; k < length; k++) if (haystack[at + k] !== needle[from + k]) return false
  return true
}

/** The first whole occurrence of `needle` in `haystack` at or after `from`, or -1. */
function indexOfSequence(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const last = haystack.length - needle.length
  for (
    let at = haystack.indexOf(needle[0], from);
    at !== -1 && at <= last;
    at = haystack.indexOf(needle[0], at + 1)
  ) {
    if (matchesAt(haystack, at + 1, needle, 1, needle.length - 1)) return at
  }
  return -1
}

/** The last `keep` bytes of `before` followed by `after` (a view where `after` alone is long enough). */
function lastBytes(before: Uint8Array, after: Uint8Array, keep: number): Uint8Array {
  if (after.length >= keep) return after.subarray(after.length - keep)
  const fromBefore = Math.min(before.length, keep - after.length)
  const joined = new Uint8Array(fromBefore + after.length)
  joined.set(before.subarray(before.length - fromBefore))
  joined.set(after, fromBefore)
  return joined
}

const empty: Uint8Array = new Uint8Array(0)

/**
 * Frames end at a delimiter of one or more bytes, which may itself arrive split across chunks. A frame that
 * grows past the maximum is dropped as it arrives (only its length is counted) and reported at its delimiter.
 */
export function createDelimiterFramer({ delimiter, keep, maxFrameBytes }: DelimiterFraming): Framer {
  if (delimiter.length === 0) throw new RangeError('A delimiter needs at least one byte')
  const overhead = keep ? delimiter.length : 0
  /** Bytes of a delimiter that may have begun at the end of what is held (one short of a whole one). */
  const carried = delimiter.length - 1
  const held = new ChunkList()
  /** Bytes of the current frame so far, held or discarded; may end with the start of a delimiter. */
  let frameLength = 0
  let discarding = false
  /** The last `carried` bytes of the current frame: where a split delimiter's start is found. */
  let tail = empty

  /** The frame ends: `contentLength` bytes before its delimiter; `piece` completes what is held. */
  function finish(out: FramerOutput[], contentLength: number, piece: Uint8Array): void {
    const length = contentLength + overhead
    if (discarding || length > maxFrameBytes) {
      out.push({ type: 'too-long', byteLength: length })
      held.clear()
    } else {
      held.push(piece)
      const whole = held.take()
      out.push({ type: 'frame', bytes: keep ? whole : whole.subarray(0, contentLength) })
    }
    frameLength = 0
    discarding = false
    tail = empty
  }

  /** A delimiter that began in earlier chunks and ends in this one: its end in `chunk`, or 0. */
  function splitDelimiterEnd(out: FramerOutput[], chunk: Uint8Array): number {
    // The longest overlap first: it starts earliest.
    for (let before = tail.length; before >= 1; before--) {
      const after = delimiter.length - before
      if (chunk.length < after) continue
      if (!matchesAt(tail, tail.length - before, delimiter, 0, before)) continue
      if (!matchesAt(chunk, 0, delimiter, before, after)) continue
      finish(out, frameLength - before, keep ? chunk.subarray(0, after) : empty)
      return after
    }
    return 0
  }

  function hold(rest: Uint8Array): void {
    if (rest.length === 0) return
    frameLength += rest.length
    if (!discarding) held.push(rest)
    // Past this, the frame is too long whatever follows: stop holding it.
    if (!discarding && frameLength - carried > maxFrameBytes - overhead) {
      discarding = true
      held.clear()
    }
    if (carried > 0) tail = lastBytes(tail, rest, carried)
  }

  return {
    push(chunk) {
      const out: FramerOutput[] = []
      let start = tail.length > 0 ? splitDelimiterEnd(out, chunk) : 0
      for (
        let at = indexOfSequence(chunk, delimiter, start);
        at !== -1;
        at = indexOfSequence(chunk, delimiter, start)
      ) {
        finish(out, frameLength + (at - start), chunk.subarray(start, keep ? at + delimiter.length : at))
        start = at + delimiter.length
      }
      hold(chunk.subarray(start))
      return out
    },
    flush() {
      const out: FramerOutput[] = frameLength > 0 ? [{ type: 'incomplete', byteLength: frameLength }] : []
      held.clear()
      frameLength = 0
      discarding = false
      tail = empty
      return out
    },
    idle: () => nothing,
  }
}
