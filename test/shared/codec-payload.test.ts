import { describe, expect, it } from 'vitest'
import {
  encodePayload,
  formatBase64,
  formatHex,
  formatText,
  type LineEnding,
  type PayloadEncoding,
} from '../../electron/shared/codec'
import * as shared from '../../electron/shared'

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i)

const bytesOf = (input: string, encoding: PayloadEncoding, lineEnding?: LineEnding): number[] => {
  const result = encodePayload(input, encoding, lineEnding)
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`)
  return [...result.bytes]
}

describe('line endings', () => {
  it.each([
    ['text', 'hi', [0x68, 0x69]],
    ['hex', '68 69', [0x68, 0x69]],
    ['base64', 'aGk=', [0x68, 0x69]],
  ] as const)('are appended after %s encoding', (encoding, input, bytes) => {
    expect(bytesOf(input, encoding)).toEqual(bytes)
    expect(bytesOf(input, encoding, 'none')).toEqual(bytes)
    expect(bytesOf(input, encoding, 'lf')).toEqual([...bytes, 0x0a])
    expect(bytesOf(input, encoding, 'crlf')).toEqual([...bytes, 0x0d, 0x0a])
  })

  it('turn an empty input into just the line ending', () => {
    expect(bytesOf('', 'text', 'crlf')).toEqual([0x0d, 0x0a])
    expect(bytesOf('', 'hex', 'lf')).toEqual([0x0a])
  })

  it('are not appended to a failure', () => {
    const result = encodePayload('zz', 'hex', 'crlf')
    expect(result).toEqual({
      ok: false,
      error: { code: 'ERR_PAYLOAD', message: "invalid hex digit 'z' at column 1", line: 1, column: 1 },
    })
  })

  it('come after an escape that is already a line ending', () => {
    expect(bytesOf('a\\r\\n', 'text', 'lf')).toEqual([0x61, 0x0d, 0x0a, 0x0a])
  })
})

describe('all 256 byte values round-trip', () => {
  it('through text display and text input', () => {
    expect(bytesOf(formatText(ALL_BYTES), 'text')).toEqual([...ALL_BYTES])
  })

  it('through text display for every single byte alone', () => {
    for (const byte of ALL_BYTES) expect(bytesOf(formatText(Uint8Array.of(byte)), 'text')).toEqual([byte])
  })

  it('through hex display and hex input', () => {
    expect(bytesOf(formatHex(ALL_BYTES), 'hex')).toEqual([...ALL_BYTES])
  })

  it('through base64 display and base64 input', () => {
    expect(formatBase64(ALL_BYTES)).toBe(Buffer.from(ALL_BYTES).toString('base64'))
    expect(bytesOf(formatBase64(ALL_BYTES), 'base64')).toEqual([...ALL_BYTES])
  })

  it('from hex and base64 written by Node', () => {
    expect(bytesOf(Buffer.from(ALL_BYTES).toString('hex'), 'hex')).toEqual([...ALL_BYTES])
    expect(bytesOf(Buffer.from(ALL_BYTES).toString('base64url'), 'base64')).toEqual([...ALL_BYTES])
  })

  it('for every 2-byte pair through text display', () => {
    const pairs = new Uint8Array(256 * 256 * 2)
    for (let i = 0; i < 256 * 256; i++) {
      pairs[i * 2] = i >> 8
      pairs[i * 2 + 1] = i & 0xff
    }
    expect(Buffer.from(bytesOf(formatText(pairs), 'text')).equals(Buffer.from(pairs))).toBe(true)
  })
})

describe('shared index', () => {
  it('re-exports the codec', () => {
    expect(shared.encodePayload).toBe(encodePayload)
    expect(shared.formatHex).toBe(formatHex)
  })
})
