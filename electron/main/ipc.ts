import { ipcMain, type WebFrameMain } from 'electron'
import { Channels, OwnErrorCode, fail, type ChannelName, type Result } from '../shared'
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
 * Registers every channel of the handler table with ipcMain. Each request is checked for its sender
 * first, then parsed and run by the table, and always answered with a Result envelope.
 * Returns the function that removes the handlers again.
 */
export function handle(handlers: HandlerTable, trustedOrigins: readonly string[]): () => void {
  const trusted = new Set(trustedOrigins)
  const names = Object.keys(Channels) as ChannelName[]
  for (const name of names) {
    ipcMain.handle(Channels[name], (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, trusted)) return Promise.resolve(refused)
      return handlers[name](payload)
    })
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(Channels[name])
  }
}
