import {
  formatHex,
  type LineEnding,
  type PayloadEncoding,
  type PayloadError,
} from '../../../electron/shared/codec'
import { compileTemplate } from '../../../electron/shared/templates'

/** What the Send panel shows under a message with Expand macros: its bytes now, or where it is wrong. */
export interface TemplatePreview {
  /** Lower-case hex pairs of the first PREVIEW_BYTES bytes; empty when there is an error. */
  hex: string
  /** Bytes in all. */
  bytes: number
  /** More bytes than the preview shows. */
  truncated: boolean
  error?: PayloadError
}

/** Enough for any device frame; a preview of megabytes would only slow typing down. */
export const PREVIEW_BYTES = 256

/**
 * The draft expanded as its first send would be ({{counter}} = 1, the clock now). The engine expands each real
 * send with the session's own counter, so a later send differs where the macros say it does.
 */
export function previewTemplate(
  input: string,
  encoding: PayloadEncoding,
  lineEnding: LineEnding,
): TemplatePreview {
  const compiled = compileTemplate(input, encoding, lineEnding)
  if (!compiled.ok) return { hex: '', bytes: 0, truncated: false, error: compiled.error }
  const bytes = compiled.template.expand({ counter: 1 })
  return {
    hex: formatHex(bytes.subarray(0, PREVIEW_BYTES)),
    bytes: bytes.length,
    truncated: bytes.length > PREVIEW_BYTES,
  }
}
