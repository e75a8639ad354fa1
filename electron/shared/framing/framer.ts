import type { FrameBatch } from './frame-batch'

export type { FramerOutput } from './frame-batch'

// What every framing mode is: a pure, isomorphic cutter of a byte stream into messages. It neither knows nor
// cares how the stream was chunked: any split of the same bytes gives the same outputs.

/** Each call answers the framer's own batch, valid until its next call. */
export interface Framer {
  /** Takes the next bytes of the stream; reports what they completed. */
  push(bytes: Uint8Array): FrameBatch
  /** The stream ended: reports what is held (an idle-gap frame is handed on) and starts afresh. */
  flush(): FrameBatch
  /** The line went quiet for the idle gap: ends the idle-gap mode's frame; other modes report nothing. */
  idle(): FrameBatch
}

/** Frames longer than this are discarded unless the session sets its own maximum. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024
/** The largest maximum a session may set: a frame is held whole in memory until it ends. */
export const MAX_MAX_FRAME_BYTES = 64 * 1024 * 1024
