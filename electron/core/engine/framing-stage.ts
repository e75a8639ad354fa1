import {
  CodedError,
  OwnErrorCode,
  createFramer,
  walkFrameBatch,
  type Endpoint,
  type FrameBatch,
  type Framing,
} from '../../shared'
import type { FrameSink, FramingStage, StageContext } from './pipeline'

// The session's framing, the first stage of a connection's or socket's inbound (before any shaping stage): a pure
// framer from electron/shared/framing, plus what only the engine has: the idle-gap clock, error rows, the end of the
// stream. The framer's batch goes on in runs of frames, so a read's frames become one event.

const count = (n: number): string => n.toLocaleString('en-US')

const frameTooLong = (sessionId: string, bytes: number, max: number): CodedError =>
  new CodedError(
    OwnErrorCode.frameTooLong,
    `a frame of ${count(bytes)} bytes is longer than the maximum of ${count(max)} bytes; its bytes were discarded and framing carries on after it`,
    sessionId,
  )

const badLength = (sessionId: string, frameLength: number): CodedError =>
  new CodedError(
    OwnErrorCode.frameLength,
    `the length field announced a frame of ${count(frameLength)} bytes, shorter than its own header; that header was discarded`,
    sessionId,
  )

const incompleteFrame = (sessionId: string, bytes: number, what: string): CodedError =>
  new CodedError(
    OwnErrorCode.frameIncomplete,
    `${what} ended in the middle of a frame: incomplete frame, ${count(bytes)} bytes`,
    sessionId,
  )

/** The framing stage of one connection or socket, or undefined when the session does not frame. */
export function framingStage(framing: Framing | undefined, context: StageContext): FramingStage | undefined {
  if (framing === undefined) return undefined
  const framer = createFramer(framing)
  if (framer === undefined) return undefined
  const { sessionId, report } = context
  const maxFrameBytes = 'maxFrameBytes' in framing ? framing.maxFrameBytes : 0
  const what = context.datagrams ? 'a datagram' : 'the stream'

  /** The batch's in-chunk frames go on in runs (usually one for the whole read); the rest one by one, in place. */
  function handOn(batch: FrameBatch, remote: Endpoint | undefined, next: FrameSink): void {
    if (batch.others.length === 0) {
      if (batch.count > 0) next.frames(batch, 0, batch.count, remote)
      return
    }
    walkFrameBatch(
      batch,
      (from, to) => next.frames(batch, from, to, remote),
      (output) => {
        switch (output.type) {
          case 'frame':
            next.frame(output.bytes, remote)
            break
          case 'too-long':
            report(frameTooLong(sessionId, output.byteLength, maxFrameBytes))
            break
          case 'bad-length':
            report(badLength(sessionId, output.frameLength))
            break
          case 'incomplete':
            report(incompleteFrame(sessionId, output.byteLength, what))
            break
        }
      },
    )
  }

  // A datagram is framed on its own: what it leaves over is incomplete at once.
  if (context.datagrams) {
    return {
      push(data, remote, next) {
        handOn(framer.push(data), remote, next)
        handOn(framer.flush(), remote, next)
      },
    }
  }

  let lastRemote: Endpoint | undefined
  if (framing.mode !== 'idle') {
    return {
      push(data, remote, next) {
        lastRemote = remote
        handOn(framer.push(data), remote, next)
      },
      end: (next) => handOn(framer.flush(), lastRemote, next),
    }
  }

  // The idle gap: one timer per connection, not one per chunk; when it fires early it waits out the rest.
  const { gapMs } = framing
  let lastArrival = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastNext: FrameSink | undefined
  const onTimer = (): void => {
    const quietFor = performance.now() - lastArrival
    if (quietFor < gapMs) {
      timer = setTimeout(onTimer, gapMs - quietFor)
      return
    }
    timer = undefined
    if (lastNext !== undefined) handOn(framer.idle(), lastRemote, lastNext)
  }
  return {
    push(data, remote, next) {
      lastRemote = remote
      lastNext = next
      lastArrival = performance.now()
      handOn(framer.push(data), remote, next)
      timer ??= setTimeout(onTimer, gapMs)
    },
    end(next) {
      clearTimeout(timer)
      timer = undefined
      handOn(framer.flush(), lastRemote, next)
    },
  }
}
