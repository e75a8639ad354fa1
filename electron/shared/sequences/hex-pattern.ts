import { hexDigitValue } from '../codec/hex'

/** Bytes to compare, and which of them are `??` (any byte matches). */
export interface HexPattern {
  bytes: Uint8Array
  /** 1 where the byte must match, 0 for a wildcard; undefined when every byte must (equals). */
  mask?: Uint8Array
}

// Separators between groups as the codec's hex input takes them, and a 0x before a group.
const SEPARATORS = /[\s,:]+/

/** `de ad ?? ef`, `dead??ef`, `0xde,0x??`: hex digit pairs and `??` wildcards; or why the text is not that. */
export function parseHexPattern(input: string): HexPattern | string {
  const digits = input
    .split(SEPARATORS)
    .map((group) => (/^0x/i.test(group) ? group.slice(2) : group))
    .join('')
  if (digits.length === 0) return 'hex pattern is empty'
  if (digits.length % 2 !== 0) return `hex pattern has an odd number of digits (${digits.length})`
  const bytes = new Uint8Array(digits.length / 2)
  const mask = new Uint8Array(digits.length / 2)
  for (let index = 0; index < bytes.length; index++) {
    const pair = digits.slice(index * 2, index * 2 + 2)
    if (pair === '??') continue
    const high = hexDigitValue(pair.charCodeAt(0))
    const low = hexDigitValue(pair.charCodeAt(1))
    if (high < 0 || low < 0) return `'${pair}' is neither a hex byte nor the wildcard ??`
    bytes[index] = (high << 4) | low
    mask[index] = 1
  }
  return { bytes, mask }
}

/** Index of the first byte of `actual` that differs from the pattern, up to the shorter length; -1 if none. */
export function firstMismatch({ bytes, mask }: HexPattern, actual: Uint8Array): number {
  const length = Math.min(bytes.length, actual.length)
  for (let index = 0; index < length; index++) {
    if ((mask === undefined || mask[index] === 1) && bytes[index] !== actual[index]) return index
  }
  return -1
}

/** A pattern where every byte counts: what equals compares with. */
export const exactPattern = (bytes: Uint8Array): HexPattern => ({ bytes })
