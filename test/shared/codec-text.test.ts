import { describe, expect, it } from 'vitest'
import { encodePayload, formatText } from '../../electron/shared/codec'

const encodeText = (input: string): number[] => {
  const result = encodePayload(input, 'text')
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`)
  return [...result.bytes]
}

const errorOf = (input: string) => {
  const result = encodePayload(input, 'text')
  if (result.ok) throw new Error(`expected "${input}" to be refused`)
  return result.error
}

describe('text encoding', () => {
  it.each([
    ['\\n', [0x0a]],
    ['\\r', [0x0d]],
    ['\\t', [0x09]],
    ['\\\\', [0x5c]],
    ['\\0', [0x00]],
    ['\\"', [0x22]],
    ["\\'", [0x27]],
    ['\\x00', [0x00]],
    ['\\x7f', [0x7f]],
    ['\\xFF', [0xff]],
    ['\\xaB', [0xab]],
  ])('escape %s is one byte', (input, bytes) => {
    expect(encodeText(input)).toEqual(bytes)
  })

  it('encodes plain text as UTF-8', () => {
    expect(encodeText('hi é €😀')).toEqual([...Buffer.from('hi é €😀', 'utf8')])
  })

  it('mixes literals and escapes in order', () => {
    expect(encodeText('GET /\\r\\n\\x00ok\\\\')).toEqual([...Buffer.from('GET /\r\n\x00ok\\', 'latin1')])
  })

  it('\\0 is NUL only, not an octal escape', () => {
    expect(encodeText('\\012')).toEqual([0x00, 0x31, 0x32])
  })

  it('\\x takes exactly two digits and leaves the rest literal', () => {
    expect(encodeText('\\x414')).toEqual([0x41, 0x34])
  })

  it('\\x is a raw byte, not a code point', () => {
    expect(encodeText('\\xe9')).toEqual([0xe9])
  })

  it('empty text is an empty payload', () => {
    expect(encodeText('')).toEqual([])
  })

  it.each([
    ['ab\\q', "unknown escape '\\q' at column 3", 1, 3],
    ['\\N', "unknown escape '\\N' at column 1", 1, 1],
    ['x\\ y', 'unknown escape: backslash followed by U+0020 at column 2', 1, 2],
    ['abc\\', 'trailing backslash at column 4', 1, 4],
    ['\\x', '\\x needs exactly two hex digits at column 1', 1, 1],
    ['a\\x4', '\\x needs exactly two hex digits at column 2', 1, 2],
    ['a\\x4g', '\\x needs exactly two hex digits at column 2', 1, 2],
    ['\\xg0', '\\x needs exactly two hex digits at column 1', 1, 1],
    ['ok\nfine\n  \\z', "unknown escape '\\z' at line 3, column 3", 3, 3],
    ['line one\n\\', 'trailing backslash at line 2, column 1', 2, 1],
  ])('refuses %j: %s', (input, message, line, column) => {
    expect(errorOf(input)).toEqual({ code: 'ERR_PAYLOAD', message, line, column })
  })
})

describe('text display', () => {
  it.each([
    [[0x00], '\\0'],
    [[0x09], '\\t'],
    [[0x0a], '\\n'],
    [[0x0d], '\\r'],
    [[0x5c], '\\\\'],
    [[0x01], '\\x01'],
    [[0x1b], '\\x1b'],
    [[0x7f], '\\x7f'],
    [[0x20, 0x7e], ' ~'],
    [[0x22, 0x27], `"'`],
  ])('shows %j as %s', (bytes, text) => {
    expect(formatText(Uint8Array.from(bytes))).toBe(text)
  })

  it('shows valid UTF-8 as itself', () => {
    const text = 'héllo wörld € 中文 😀'
    expect(formatText(new TextEncoder().encode(text))).toBe(text)
  })

  it.each([
    ['lone continuation byte', [0x80], '\\x80'],
    ['lone lead byte', [0xc3], '\\xc3'],
    ['truncated 3-byte sequence', [0xe2, 0x82, 0x41], '\\xe2\\x82A'],
    ['overlong slash', [0xc0, 0xaf], '\\xc0\\xaf'],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf], '\\xe0\\x80\\xaf'],
    ['overlong 4-byte', [0xf0, 0x80, 0x80, 0xaf], '\\xf0\\x80\\x80\\xaf'],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'],
    ['invalid lead 0xff', [0xff, 0x41], '\\xffA'],
    ['valid after invalid', [0xff, 0xc3, 0xa9], '\\xffé'],
  ])('never throws on invalid UTF-8 (%s)', (_name, bytes, text) => {
    expect(formatText(Uint8Array.from(bytes))).toBe(text)
  })

  it.each([
    ['C1 control U+0085', '\u0085', '\\xc2\\x85'],
    ['zero-width space', '\u200b', '\\xe2\\x80\\x8b'],
    ['right-to-left override', '\u202e', '\\xe2\\x80\\xae'],
    ['line separator', '\u2028', '\\xe2\\x80\\xa8'],
    ['byte order mark', '\ufeff', '\\xef\\xbb\\xbf'],
  ])('escapes the invisible %s byte by byte', (_name, char, text) => {
    expect(formatText(new TextEncoder().encode(`a${char}b`))).toBe(`a${text}b`)
  })

  it.each([
    ['de ad (U+07AD, a Thaana mark) on its own', [0xde, 0xad], '\\xde\\xad'],
    ['de ad be ef', [0xde, 0xad, 0xbe, 0xef], '\\xde\\xad\\xbe\\xef'],
    ['a script mark after an ASCII letter', [0x41, 0xde, 0xad], 'A\\xde\\xad'],
    ['a mark after a space', [0x20, 0xcc, 0x81], ' \\xcc\\x81'],
    ['a mark after an escape', [0x00, 0xcc, 0x81], '\\0\\xcc\\x81'],
  ])('escapes binary that decodes to a combining mark without a base: %s', (_name, bytes, text) => {
    expect(formatText(Uint8Array.from(bytes))).toBe(text)
    expect(encodeText(text)).toEqual(bytes)
  })

  it.each([
    ['e + combining acute', 'e\u0301'],
    ['Devanagari with its vowel sign', 'कि'],
    ['Thaana letter with sukun', '\u0780\u07b0'],
    ['Korean', '한국어'],
  ])('keeps combining marks on their letters: %s', (_name, text) => {
    expect(formatText(new TextEncoder().encode(text))).toBe(text)
  })

  it('keeps boundary code points of each UTF-8 length visible', () => {
    const text = '\u00a0\u07ff\u0800\uffee\u{10000}\u{10ffff}'
    expect(formatText(new TextEncoder().encode(text))).toBe(text)
  })

  it('puts everything on one line', () => {
    expect(formatText(Uint8Array.from([0x61, 0x0d, 0x0a, 0x62]))).not.toMatch(/[\r\n]/)
  })

  it('shows a 4 KiB preview of mixed bytes without losing any', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff)
    expect(encodeText(formatText(bytes))).toEqual([...bytes])
  })
})
