import { HEX_PAIRS, hexDigitValue } from './hex'
import { payloadFailure, quoteCharAt, visibleCharAt } from './position'
import type { EncodeResult } from './types'

// Escapes understood in text input, each standing for one byte. `\"` and `\'` are accepted so strings pasted
// from C or JSON work; formatText never writes them. `\0` is NUL only (no octal): "\012" is NUL, '1', '2'.
const SIMPLE_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['0', 0x00],
  ['\\', 0x5c],
  ['"', 0x22],
  ["'", 0x27],
])

const utf8 = new TextEncoder()

/** UTF-8 of the text with escapes applied; `\xHH` is one raw byte, so any byte sequence can be typed. */
export function encodeText(input: string): EncodeResult {
  // No escapes: the UTF-8 is all (a send loop, a sequence's expectations), without the scratch buffer below.
  if (!input.includes('\\')) return { ok: true, bytes: utf8.encode(input) }
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes, and no escape yields more bytes than its length.
  const bytes = new Uint8Array(input.length * 3)
  let length = 0
  let literalStart = 0
  const flushLiteral = (end: number): void => {
    if (end > literalStart)
      length += utf8.encodeInto(input.slice(literalStart, end), bytes.subarray(length)).written
  }
  for (let index = input.indexOf('\\'); index !== -1; index = input.indexOf('\\', literalStart)) {
    flushLiteral(index)
    const next = input[index + 1]
    if (next === undefined) return payloadFailure(input, index, 'trailing backslash')
    if (next === 'x') {
      const high = hexDigitValue(input.charCodeAt(index + 2))
      const low = hexDigitValue(input.charCodeAt(index + 3))
      if (high < 0 || low < 0) return payloadFailure(input, index, '\\x needs exactly two hex digits')
      bytes[length++] = (high << 4) | low
      literalStart = index + 4
    } else {
      const byte = SIMPLE_ESCAPES.get(next)
      if (byte === undefined) return payloadFailure(input, index, unknownEscape(input, index + 1))
      bytes[length++] = byte
      literalStart = index + 2
    }
  }
  flushLiteral(input.length)
  return { ok: true, bytes: bytes.slice(0, length) }
}

function unknownEscape(input: string, index: number): string {
  const visible = visibleCharAt(input, index)
  return visible === undefined
    ? `unknown escape: backslash followed by ${quoteCharAt(input, index)}`
    : `unknown escape '\\${visible}'`
}

const byteEscape = (byte: number): string => `\\x${HEX_PAIRS[byte]}`

// How each ASCII byte shows: printable as itself, the named escapes, every other control as \xHH.
const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '\\0'],
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x5c, '\\\\'],
])
const ASCII_TEXT: readonly string[] = Array.from(
  { length: 0x80 },
  (_, byte) =>
    NAMED_ESCAPES.get(byte) ?? (byte < 0x20 || byte === 0x7f ? byteEscape(byte) : String.fromCharCode(byte)),
)

/** Valid UTF-8 that would not show or would disturb a log row: C1 controls, zero-width, bidi, line separators. */
const isHiddenCodePoint = (codePoint: number): boolean =>
  (codePoint >= 0x80 && codePoint <= 0x9f) ||
  (codePoint >= 0x200b && codePoint <= 0x200f) ||
  (codePoint >= 0x2028 && codePoint <= 0x202e) ||
  (codePoint >= 0x2060 && codePoint <= 0x206f) ||
  codePoint === 0xfeff

const COMBINING_MARK = /^\p{M}$/u
const LETTER = /^\p{L}$/u
/** Marks that combine with any script, Latin included: é typed as e + U+0301. */
const isGenericMark = (codePoint: number): boolean =>
  (codePoint >= 0x0300 && codePoint <= 0x036f) ||
  (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
  (codePoint >= 0x1dc0 && codePoint <= 0x1dff) ||
  (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
  (codePoint >= 0xfe20 && codePoint <= 0xfe2f)

/**
 * Whether a combining mark belongs to the character before it. Binary data often happens to be valid UTF-8 that
 * decodes to a lone mark (`de ad` is U+07AD, a Thaana mark, drawn as a box): a mark is shown only after a
 * letter, and a script's own marks (Thaana, Devanagari, …) only after a letter that is not ASCII.
 */
function markHasBase(mark: number, previous: string | undefined): boolean {
  if (previous === undefined || !LETTER.test(previous)) return false
  return isGenericMark(mark) || previous.charCodeAt(0) >= 0x80
}

/** The code point of the well-formed UTF-8 sequence starting at `index` (Unicode table 3-7), or -1. */
function codePointAt(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]
  let continuations: number
  let codePoint: number
  // The first continuation byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  let min = 0x80
  let max = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) {
    continuations = 1
    codePoint = lead & 0x1f
  } else if (lead >= 0xe0 && lead <= 0xef) {
    continuations = 2
    codePoint = lead & 0x0f
    if (lead === 0xe0) min = 0xa0
    if (lead === 0xed) max = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    continuations = 3
    codePoint = lead & 0x07
    if (lead === 0xf0) min = 0x90
    if (lead === 0xf4) max = 0x8f
  } else {
    return -1
  }
  for (let k = 1; k <= continuations; k++) {
    const byte = bytes[index + k]
    if (byte === undefined || byte < min || byte > max) return -1
    codePoint = (codePoint << 6) | (byte & 0x3f)
    min = 0x80
    max = 0xbf
  }
  return codePoint
}

const utf8Length = (codePoint: number): number => (codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4)

/**
 * Bytes as one line of text: UTF-8 where it is valid and visible, escapes for everything else. Never throws;
 * encodeText(formatText(bytes)) gives the same bytes back.
 */
export function formatText(bytes: Uint8Array): string {
  const parts: string[] = []
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]
    if (byte < 0x80) {
      parts.push(ASCII_TEXT[byte])
      index++
      continue
    }
    const codePoint = codePointAt(bytes, index)
    const length = codePoint < 0 ? 1 : utf8Length(codePoint)
    const char = codePoint < 0 ? '' : String.fromCodePoint(codePoint)
    const shown =
      codePoint >= 0 &&
      !isHiddenCodePoint(codePoint) &&
      (!COMBINING_MARK.test(char) || markHasBase(codePoint, parts.at(-1)))
    if (shown) {
      parts.push(char)
    } else {
      for (let k = index; k < index + length; k++) parts.push(byteEscape(bytes[k]))
    }
    index += length
  }
  return parts.join('')
}
