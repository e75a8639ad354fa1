// What every framing mode is: a pure, isomorphic cutter of a byte stream into messages. It neither knows nor
// cares how the stream was chunked: any split of the same bytes gives the same outputs.

/** One thing a framer reports, in stream order. */
export type FramerOutput =
  /** A whole frame. It may be a view of pushed bytes: callers must not change bytes after pushing them. */
  | { type: 'frame'; bytes: Uint8Array }
  /** A frame longer than the maximum: its bytes were discarded up to the next boundary. */
  | { type: 'too-long'; byteLength: number }
  /** A length field that gives a frame shorter than its own header: the header was discarded. */
  | { type: 'bad-length'; frameLength: number }
  /** The stream ended (flush) in the middle of a frame: these bytes never became one. */
  | { type: 'incomplete'; byteLength: number }

export interface Framer {
  /** Takes the next bytes of the stream; returns what they completed. */
  push(bytes: Uint8Array): readonly FramerOutput[]
  /** The stream ended: reports what is held (an idle-gap frame is handed on) and starts afresh. */
  flush(): readonly FramerOutput[]
  /** The line went quiet for the idle gap: ends the idle-gap mode's frame; other modes return nothing. */
  idle(): readonly FramerOutput[]
}

/** Frames longer than this are discarded unless the session sets its own maximum. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024
/** The largest maximum a session may set: a frame is held whole in memory until it ends. */
export const MAX_MAX_FRAME_BYTES = 64 * 1024 * 1024

export const nothing: readonly FramerOutput[] = Object.freeze([])
