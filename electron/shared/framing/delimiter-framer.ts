import { ChunkList } from './chunk-list'
import { FrameBatchBuilder } from './frame-batch'
import type { Framer } from './framer'

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
  const [first] = delimiter
  // A one-byte delimiter is one indexOf per frame (memchr for a Node Buffer): the common case, kept lean.
  const find =
    delimiter.length === 1
      ? (chunk: Uint8Array, from: number) => chunk.indexOf(first, from)
      : (chunk: Uint8Array, from: number) => indexOfSequence(chunk, delimiter, from)
  const held = new ChunkList()
  const out = new FrameBatchBuilder()
  /** Bytes of the current frame so far, held or discarded; may end with the start of a delimiter. */
  let frameLength = 0
  let discarding = false
  /** The last `carried` bytes of the current frame: where a split delimiter's start is found. */
  let tail = empty

  /** A frame that began in an earlier chunk ends: `contentLength` bytes before its delimiter; `piece` completes it. */
  function finishHeld(contentLength: number, piece: Uint8Array): void {
    const length = contentLength + overhead
    if (discarding || length > maxFrameBytes) {
      out.other({ type: 'too-long', byteLength: length })
      held.clear()
    } else {
      held.push(piece)
      const whole = held.take()
      out.other({ type: 'frame', bytes: keep ? whole : whole.subarray(0, contentLength) })
    }
    frameLength = 0
    discarding = false
    tail = empty
  }

  /** A delimiter that began in earlier chunks and ends in this one: its end in `chunk`, or 0. */
  function splitDelimiterEnd(chunk: Uint8Array): number {
    // The longest overlap first: it starts earliest.
    for (let before = tail.length; before >= 1; before--) {
      const after = delimiter.length - before
      if (chunk.length < after) continue
      if (!matchesAt(tail, tail.length - before, delimiter, 0, before)) continue
      if (!matchesAt(chunk, 0, delimiter, before, after)) continue
      finishHeld(frameLength - before, keep ? chunk.subarray(0, after) : empty)
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
      out.begin(chunk)
      let start = tail.length > 0 ? splitDelimiterEnd(chunk) : 0
      for (let at = find(chunk, start); at !== -1; at = find(chunk, start)) {
        const end = keep ? at + delimiter.length : at
        if (frameLength > 0) finishHeld(frameLength + (at - start), chunk.subarray(start, end))
        // Nothing held: the frame lies in the chunk.
        else if (end - start > maxFrameBytes) out.other({ type: 'too-long', byteLength: end - start })
        else out.frame(start, end)
        start = at + delimiter.length
      }
      hold(chunk.subarray(start))
      return out
    },
    flush() {
      out.begin()
      if (frameLength > 0) out.other({ type: 'incomplete', byteLength: frameLength })
      held.clear()
      frameLength = 0
      discarding = false
      tail = empty
      return out
    },
    idle: () => out.begin(),
  }
}
