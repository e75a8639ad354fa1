// The payload codec: what a user types → bytes to send, and bytes → what a log row shows. Isomorphic
// (Uint8Array only), so the renderer and the engine share it.
export type { EncodeResult, LineEnding, PayloadEncoding, PayloadError } from './types'
export { encodePayload } from './encode-payload'
export { formatText } from './text-escapes'
export { formatHex } from './hex'
export { formatBase64 } from './base64'
export { formatHexDump } from './hexdump'
