import { Channels, MAX_WEB_FRAME_BYTES, OwnErrorCode, type ChannelName, type ErrorInfo } from '../shared'

// An answer (a session list after thousands of failed opens, an export) can outgrow what a transport carries:
// JSON.stringify throws past V8's longest string, Electron's IPC past its message limit. Each transport measures
// its answer and sends one of these coded errors in its place, so no answer can stop the host.

/** Largest answer either transport sends: the web frame limit, which the receiving side enforces too. */
export const MAX_ANSWER_BYTES = MAX_WEB_FRAME_BYTES

const MIB = 1024 * 1024
const inMiB = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`

/** `bytes` is undefined when the serialiser gave up (RangeError) before the size was known. */
export function answerTooLarge(
  channel: ChannelName,
  bytes: number | undefined,
  maxBytes = MAX_ANSWER_BYTES,
): ErrorInfo {
  const size = bytes === undefined ? 'more than the serialiser can hold' : inMiB(bytes)
  return {
    code: OwnErrorCode.limit,
    message: `The answer to ${Channels[channel]} is too large to send (${size}, at most ${inMiB(maxBytes)}).`,
  }
}

/** The error in place of an answer the serialiser refused; the cause is not echoed, it may quote the content. */
export function answerNotSendable(channel: ChannelName, thrown: unknown): ErrorInfo {
  if (thrown instanceof RangeError) return answerTooLarge(channel, undefined)
  return {
    code: OwnErrorCode.internal,
    message: `The answer to ${Channels[channel]} could not be sent: it could not be serialised.`,
  }
}
