import { ChunkList } from './chunk-list'
import { nothing, type Framer, type FramerOutput } from './framer'

export interface IdleGapFraming {
  maxFrameBytes: number
}

/**
 * A frame is whatever arrived before the line went quiet. The framer holds no clock: its owner calls idle()
 * once the gap has passed with nothing new (the engine keeps the timer). The end of the stream ends a frame too.
 */
export function createIdleGapFramer({ maxFrameBytes }: IdleGapFraming): Framer {
  const held = new ChunkList()
  let frameLength = 0
  let discarding = false

  function finish(): readonly FramerOutput[] {
    if (frameLength === 0) return nothing
    const out: FramerOutput = discarding
      ? { type: 'too-long', byteLength: frameLength }
      : { type: 'frame', bytes: held.take() }
    held.clear()
    frameLength = 0
    discarding = false
    return [out]
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return nothing
      frameLength += chunk.length
      if (discarding) return nothing
      if (frameLength > maxFrameBytes) {
        discarding = true
        held.clear()
      } else {
        held.push(chunk)
      }
      return nothing
    },
    flush: finish,
    idle: finish,
  }
}
