import type { OwnErrorCode } from '../errors'

/** How the user typed a payload. */
export type PayloadEncoding = 'text' | 'hex' | 'base64'

/** What is appended to the encoded bytes before sending. */
export type LineEnding = 'none' | 'lf' | 'crlf'

/** Why an input could not be encoded; `line` and `column` are 1-based (columns in UTF-16 code units). */
export interface PayloadError {
  code: typeof OwnErrorCode.badPayload
  message: string
  line: number
  column: number
}

export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; error: PayloadError }
