import { ChunkList } from './chunk-list'
import { FrameBatchBuilder } from './frame-batch'
import type { Framer } from './framer'

export interface IdleGapFraming {
  maxFrameBytes: number
}

/**
 * A frame is whatever arrived before the line went quiet. The framer holds no clock: its owner calls idle()
 * once the gap has passed with nothing new (the engine keeps the timer). The end of the stream ends a frame too.
 */
export function createIdleGapFramer({ maxFrameBytes }: IdleGapFraming): Framer {
  const held = new ChunkList()
  const out = new FrameBatchBuilder()
  let frameLength = 0
  let discarding = false

  function finish(): FrameBatchBuilder {
    out.begin()
    if (frameLength === 0) return out
    out.other(
      discarding ? { type: 'too-long', byteLength: frameLength } : { type: 'frame', bytes: held.take() },
    )
    held.clear()
    frameLength = 0
    discarding = false
    return out
  }

  return {
    push(chunk) {
      out.begin(chunk)
      if (chunk.length === 0) return out
      frameLength += chunk.length
      if (discarding) return out
      if (frameLength > maxFrameBytes) {
        discarding = true
        held.clear()
      } else {
        held.push(chunk)
      }
      return out
    },
    flush: finish,
    idle: finish,
  }
}
