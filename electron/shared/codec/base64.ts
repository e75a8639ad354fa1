import { payloadFailure, quoteCharAt } from './position'
import type { EncodeResult } from './types'

const STANDARD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

// Sextet value per char code, -1 when not base64. URL-safe '-' and '_' are accepted too (JWTs, URLs).
const SEXTETS: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < 64; i++) table[STANDARD_ALPHABET.charCodeAt(i)] = i
  table[0x2d] = 62
  table[0x5f] = 63
  return table
})()

const PAD = 0x3d
const isWhitespace = (charCode: number): boolean =>
  charCode === 0x20 || charCode === 0x09 || charCode === 0x0d || charCode === 0x0a

/**
 * Base64 (standard or URL-safe alphabet) with whitespace anywhere. Padding is optional, but when present it
 * must be complete and last. Unused low bits of the final character are ignored, as atob does.
 */
export function encodeBase64(input: string): EncodeResult {
  const bytes = new Uint8Array(Math.ceil((input.length * 3) / 4))
  let length = 0
  let sextets = 0
  let buffer = 0
  let lastDataIndex = -1
  let firstPadIndex = -1
  for (let index = 0; index < input.length; index++) {
    const charCode = input.charCodeAt(index)
    if (isWhitespace(charCode)) continue
    if (charCode === PAD) {
      if (firstPadIndex < 0) {
        if (sextets % 4 < 2) return payloadFailure(input, index, "unexpected '='")
        firstPadIndex = index
      }
      continue
    }
    const value = charCode < 128 ? SEXTETS[charCode] : -1
    if (value < 0)
      return payloadFailure(input, index, `invalid base64 character ${quoteCharAt(input, index)}`)
    if (firstPadIndex >= 0)
      return payloadFailure(input, index, `unexpected ${quoteCharAt(input, index)} after padding`)
    buffer = ((buffer << 6) | value) & 0xffffff
    sextets++
    lastDataIndex = index
    if (sextets % 4 === 0) {
      bytes[length++] = buffer >> 16
      bytes[length++] = (buffer >> 8) & 0xff
      bytes[length++] = buffer & 0xff
    }
  }
  const tail = sextets % 4
  if (tail === 1) return payloadFailure(input, lastDataIndex, 'incomplete base64 (a lone final character)')
  if (firstPadIndex >= 0) {
    const padError = checkPadding(input, firstPadIndex, 4 - tail)
    if (padError) return padError
  }
  if (tail === 2) bytes[length++] = (buffer >> 4) & 0xff
  if (tail === 3) {
    bytes[length++] = (buffer >> 10) & 0xff
    bytes[length++] = (buffer >> 2) & 0xff
  }
  return { ok: true, bytes: bytes.slice(0, length) }
}

/** Exactly `expected` '=' from `start` on (whitespace between them allowed); the loop already refused data. */
function checkPadding(input: string, start: number, expected: number): EncodeResult | undefined {
  let seen = 0
  let lastPadIndex = start
  for (let index = start; index < input.length; index++) {
    if (input.charCodeAt(index) !== PAD) continue
    if (++seen > expected) return payloadFailure(input, index, "too much '=' padding")
    lastPadIndex = index
  }
  if (seen < expected) return payloadFailure(input, lastPadIndex + 1, "incomplete '=' padding")
  return undefined
}

/** Standard base64 with padding. */
export function formatBase64(bytes: Uint8Array): string {
  const chunks: string[] = []
  // fromCharCode takes arguments, so large payloads go in slices well under the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)))
  return btoa(chunks.join(''))
}
