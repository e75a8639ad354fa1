import type { ChannelWireName } from './api'
import { encodeBase64, formatBase64 } from './codec/base64'
import type { EventBatch } from './model'
import type { Result } from './result'

// Web mode's wire format: JSON text frames over one WebSocket at `/ws?token=…` on the web host.
// Uint8Array values travel as { "$bytes": "<base64>" } so payloads survive JSON both ways.

export const WEB_SOCKET_PATH = '/ws'
export const TOKEN_PARAM = 'token'
/** Largest text frame either side accepts (a 16 MiB payload grows by 4/3 in base64, plus envelope). */
export const MAX_WEB_FRAME_BYTES = 24 * 1024 * 1024

export interface WebRequest {
  id: number
  channel: ChannelWireName
  payload: unknown
}

export type WebMessage =
  { kind: 'response'; id: number; result: Result<unknown> } | { kind: 'events'; batch: EventBatch }

const BYTES_KEY = '$bytes'

/**
 * The engine's own decoder where the runtime has none (Node 20); Chromium's native one decodes a flood's batches
 * about a hundred times faster. Both throw SyntaxError on anything but base64.
 */
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64

function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text)
  const decoded = encodeBase64(text)
  if (!decoded.ok) throw new SyntaxError(`Malformed $bytes value: ${decoded.error.message}`)
  return decoded.bytes
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    // A Buffer's toJSON runs before the replacer sees it, so look at the holder's original value.
    const original = this[key]
    return original instanceof Uint8Array ? { [BYTES_KEY]: formatBase64(original) } : item
  })
}

/** Parses a frame; throws SyntaxError on malformed JSON or base64 (callers answer with a coded error). */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const record = item as Record<string, unknown>
      const base64 = record[BYTES_KEY]
      // The key list only for the rare object that has $bytes: a flood's batch has thousands of other objects.
      if (typeof base64 === 'string' && Object.keys(record).length === 1) return base64ToBytes(base64)
    }
    return item
  })
}
