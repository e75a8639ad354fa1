import { CodedError } from '../../shared'

export const CaptureErrorCode = {
  /** The disk could not keep up and the bounded queue filled. */
  overrun: 'ECAPTURE_OVERRUN',
  /** A complete line of a capture file is not a capture record. */
  format: 'ECAPTURE_FORMAT',
} as const

/** Default bound of events waiting for the disk (characters of JSON ≈ bytes). */
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024

export interface WrittenSoFar {
  events: number
  bytes: number
}

const formatBytes = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`

function codeOf(thrown: unknown): string {
  const code = (thrown as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'EIO'
}

function reason(code: string, path: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk is full: ${path} cannot grow`
    case 'EACCES':
    case 'EPERM':
      return `No permission to write ${path}`
    case 'EROFS':
      return `${path} is on a read-only file system`
    case 'ENOENT':
    case 'ENOTDIR':
      return `The folder of ${path} cannot be created or used`
    case 'EEXIST':
      return `${path} already exists and is never overwritten`
    default:
      return `Writing ${path} failed (${code})`
  }
}

/** A file-system failure while opening or writing a capture, as a coded error a user can act on. */
export function captureWriteError(thrown: unknown, path: string, written?: WrittenSoFar): CodedError {
  const code = codeOf(thrown)
  const tail =
    written === undefined
      ? 'Nothing was recorded.'
      : `Recording stopped; ${written.events} events (${formatBytes(written.bytes)}) were written before it.`
  return new CodedError(code, `${reason(code, path)}. ${tail}`)
}

/** The disk fell behind by more than the queue bound: stop, keep what was accepted, say so. */
export function captureOverrunError(path: string, accepted: number, maxQueuedBytes: number): CodedError {
  return new CodedError(
    CaptureErrorCode.overrun,
    `The disk could not keep up with the traffic (more than ${formatBytes(maxQueuedBytes)} waiting): ` +
      `recording stopped after ${accepted} events. ${path} holds every event up to that point; later events were not recorded.`,
  )
}
