import { payloadFailure, quoteCharAt } from './position'
import type { EncodeResult } from './types'

/** '00'…'ff', so formatting never calls toString per byte. */
export const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
)

/** Value of one hex digit (either case), or -1. */
export function hexDigitValue(charCode: number): number {
  if (charCode >= 0x30 && charCode <= 0x39) return charCode - 0x30
  const lower = charCode | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10
  return -1
}

// Between byte groups: space, tab, CR, LF, comma, colon.
const isSeparator = (charCode: number): boolean =>
  charCode === 0x20 ||
  charCode === 0x09 ||
  charCode === 0x0d ||
  charCode === 0x0a ||
  charCode === 0x2c ||
  charCode === 0x3a

const startsWithPrefix = (input: string, index: number): boolean =>
  input.charCodeAt(index) === 0x30 && (input.charCodeAt(index + 1) | 0x20) === 0x78

/**
 * Parses hex typed by a person: groups of digit pairs ("dead", "de ad", "0xde,0xad", "de:ad") split by
 * separators. Each group must hold whole bytes, so "de a d" is an error rather than a silent 0xde 0xad.
 */
export function encodeHex(input: string): EncodeResult {
  const bytes = new Uint8Array(input.length >> 1)
  let length = 0
  let index = 0
  while (index < input.length) {
    if (isSeparator(input.charCodeAt(index))) {
      index++
      continue
    }
    const groupStart = index
    if (startsWithPrefix(input, index)) index += 2
    const digitsStart = index
    while (index < input.length && !isSeparator(input.charCodeAt(index))) {
      if (hexDigitValue(input.charCodeAt(index)) < 0) {
        return payloadFailure(input, index, `invalid hex digit ${quoteCharAt(input, index)}`)
      }
      index++
    }
    if (index === digitsStart) return payloadFailure(input, groupStart, "missing hex digits after '0x'")
    if ((index - digitsStart) % 2 === 1) return payloadFailure(input, index - 1, 'odd number of hex digits')
    for (let i = digitsStart; i < index; i += 2) {
      bytes[length++] = (hexDigitValue(input.charCodeAt(i)) << 4) | hexDigitValue(input.charCodeAt(i + 1))
    }
  }
  return { ok: true, bytes: bytes.slice(0, length) }
}

/** Lower-case byte pairs separated by single spaces: 'de ad be ef'. */
export function formatHex(bytes: Uint8Array): string {
  const pairs = new Array<string>(bytes.length)
  for (let i = 0; i < bytes.length; i++) pairs[i] = HEX_PAIRS[bytes[i]]
  return pairs.join(' ')
}
