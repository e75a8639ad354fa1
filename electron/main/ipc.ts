import { serialize } from 'node:v8'
import { ipcMain, type WebFrameMain } from 'electron'
import { Channels, OwnErrorCode, fail, toErrorInfo, type ChannelName, type Result } from '../shared'
import { answerNotSendable, answerTooLarge, MAX_ANSWER_BYTES } from '../core/answer-limit'
import type { HandlerTable } from '../core/handler-table'

/** Code of the answer to a request that did not come from the app's own main frame. */
export const UNTRUSTED_SENDER_CODE = OwnErrorCode.untrustedSender

/** Only the top frame of a page from one of `trustedOrigins` may talk to the engine. */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'parent' | 'origin'> | null,
  trustedOrigins: ReadonlySet<string>,
): boolean {
  return frame !== null && frame.parent === null && trustedOrigins.has(frame.origin)
}

const refused = fail({
  code: UNTRUSTED_SENDER_CODE,
  message: "Request refused: it did not come from the app's own window.",
})

/**
 * The answer itself, or a coded error in its place when IPC could not carry it: measured with V8's serializer,
 * the format of Electron's structured clone, before Electron tries (and fails outside our reach).
 */
export function sendableAnswer(
  channel: ChannelName,
  result: Result<unknown>,
  maxBytes = MAX_ANSWER_BYTES,
): Result<unknown> {
  let bytes: number
  try {
    bytes = serialize(result).byteLength
  } catch (thrown) {
    return fail(answerNotSendable(channel, thrown))
  }
  return bytes <= maxBytes ? result : fail(answerTooLarge(channel, bytes, maxBytes))
}

/**
 * Registers every channel of the handler table with ipcMain. Each request is checked for its sender
 * first, then parsed and run by the table, and always answered with a Result envelope that IPC can carry.
 * Returns the function that removes the handlers again.
 */
export function handle(handlers: HandlerTable, trustedOrigins: readonly string[]): () => void {
  const trusted = new Set(trustedOrigins)
  const names = Object.keys(Channels) as ChannelName[]
  for (const name of names) {
    ipcMain.handle(Channels[name], (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, trusted)) return Promise.resolve(refused)
      return handlers[name](payload).then(
        (result) => sendableAnswer(name, result),
        (thrown: unknown) => fail(toErrorInfo(thrown)),
      )
    })
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(Channels[name])
  }
}
