import { defineStore } from 'pinia'
import { ref } from 'vue'
import { OwnErrorCode, type ErrorInfo } from '../../../electron/shared/errors'
import { Limits } from '../../../electron/shared/limits'
import { socketApi } from '../api/provider'
import { translate } from '../i18n'
import type { SendTarget } from './send'

/** One file being (or last) sent on a session. */
export interface FileTransfer {
  name: string
  size: number
  /** Bytes the host confirmed written. */
  sent: number
  state: 'sending' | 'done' | 'failed' | 'cancelled'
  error?: ErrorInfo
}

/** What "Send file" reads: a File, or any Blob with a name (tests). */
export type NamedBlob = Pick<File, 'name' | 'size' | 'slice'>

/**
 * The byte ranges a file goes in: one datagram for a datagram session (a file is one message there), else
 * pieces of Limits.fileChunkBytes, so progress moves and no more than one piece is in memory at a time.
 */
export function fileChunks(size: number, datagrams: boolean): Array<[start: number, end: number]> {
  const step = datagrams ? Math.max(size, 1) : Limits.fileChunkBytes
  const ranges: Array<[number, number]> = []
  for (let start = 0; start < size; start += step) ranges.push([start, Math.min(size, start + step)])
  return ranges
}

/** Why a file cannot be sent at all (nothing is sent then), or undefined. */
export function fileRefusal(file: NamedBlob, datagrams: boolean): ErrorInfo | undefined {
  const max = datagrams ? Limits.maxPayloadBytes : Limits.maxFileSendBytes
  if (file.size === 0) {
    return { code: OwnErrorCode.invalidRequest, message: translate('sendFile.empty', { name: file.name }) }
  }
  if (file.size > max) {
    return {
      code: OwnErrorCode.limit,
      message: translate('sendFile.tooLarge', {
        name: file.name,
        size: file.size.toLocaleString('en-US'),
        max: max.toLocaleString('en-US'),
      }),
    }
  }
  return undefined
}

/** "Send file" per session: one transfer at a time, its progress, and a way to stop it between pieces. */
export const useFileSendStore = defineStore('file-send', () => {
  const transfers = ref<Record<string, FileTransfer>>({})
  const cancelled = new Set<string>()

  const transferOf = (sessionId: string): FileTransfer | undefined => transfers.value[sessionId]
  const isSending = (sessionId: string): boolean => transfers.value[sessionId]?.state === 'sending'

  /** Sends the file's bytes, piece by piece, each awaiting the host (so a slow peer slows the file). */
  async function sendFile(target: SendTarget, file: NamedBlob, datagrams: boolean): Promise<FileTransfer> {
    const { sessionId } = target
    if (isSending(sessionId)) {
      const error = { code: OwnErrorCode.wrongState, message: translate('sendFile.busy') }
      return { name: file.name, size: file.size, sent: 0, state: 'failed', error }
    }
    const refusal = fileRefusal(file, datagrams)
    transfers.value[sessionId] = { name: file.name, size: file.size, sent: 0, state: 'sending' }
    // The reactive copy: progress written here reaches the view.
    const transfer = transfers.value[sessionId]!
    if (refusal !== undefined) return fail(transfer, refusal)
    cancelled.delete(sessionId)
    for (const [start, end] of fileChunks(file.size, datagrams)) {
      if (cancelled.delete(sessionId)) {
        transfer.state = 'cancelled'
        return transfer
      }
      const data = new Uint8Array(await file.slice(start, end).arrayBuffer())
      const result = await socketApi().send({ ...target, data })
      if (!result.ok) return fail(transfer, result.error)
      transfer.sent += data.byteLength
    }
    transfer.state = 'done'
    return transfer
  }

  function fail(transfer: FileTransfer, error: ErrorInfo): FileTransfer {
    transfer.state = 'failed'
    transfer.error = error
    return transfer
  }

  /** Stops the session's transfer before its next piece. */
  function cancel(sessionId: string): void {
    if (isSending(sessionId)) cancelled.add(sessionId)
  }

  function forget(sessionId: string): void {
    cancelled.delete(sessionId)
    delete transfers.value[sessionId]
  }

  return { transfers, transferOf, isSending, sendFile, cancel, forget }
})
