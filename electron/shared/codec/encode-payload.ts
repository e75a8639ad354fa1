import { encodeBase64 } from './base64'
import { encodeHex } from './hex'
import { encodeText } from './text-escapes'
import type { EncodeResult, LineEnding, PayloadEncoding } from './types'

const ENCODERS: Readonly<Record<PayloadEncoding, (input: string) => EncodeResult>> = {
  text: encodeText,
  hex: encodeHex,
  base64: encodeBase64,
}

const LINE_ENDINGS: Readonly<Record<LineEnding, Uint8Array>> = {
  none: new Uint8Array(0),
  lf: Uint8Array.of(0x0a),
  crlf: Uint8Array.of(0x0d, 0x0a),
}

/** The bytes a user's input stands for, with the line ending appended; or where the input is wrong. */
export function encodePayload(
  input: string,
  encoding: PayloadEncoding,
  lineEnding: LineEnding = 'none',
): EncodeResult {
  const result = ENCODERS[encoding](input)
  const suffix = LINE_ENDINGS[lineEnding]
  if (!result.ok || suffix.length === 0) return result
  const bytes = new Uint8Array(result.bytes.length + suffix.length)
  bytes.set(result.bytes)
  bytes.set(suffix, result.bytes.length)
  return { ok: true, bytes }
}
