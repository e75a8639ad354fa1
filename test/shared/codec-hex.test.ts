import { describe, expect, it } from 'vitest'
import { encodePayload, formatHex } from '../../electron/shared/codec'

const encodeHex = (input: string): number[] => {
  const result = encodePayload(input, 'hex')
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`)
  return [...result.bytes]
}

const errorOf = (input: string) => {
  const result = encodePayload(input, 'hex')
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return result.error
}

const DEADBEEF = [0xde, 0xad, 0xbe, 0xef]

describe('hex encoding', () => {
  it.each([
    ['deadbeef'],
    ['DEADBEEF'],
    ['DeAdBeEf'],
    ['de ad be ef'],
    ['de  ad\tbe   ef'],
    ['de,ad,be,ef'],
    ['de, ad, be, ef'],
    ['de:ad:be:ef'],
    ['de ad\nbe ef'],
    ['de ad\r\nbe ef\r\n'],
    ['0xde,0xad,0xbe,0xef'],
    ['0xde 0xad 0xbe 0xef'],
    ['0XDE 0XAD 0XBE 0XEF'],
    ['0xdeadbeef'],
    ['dead beef'],
    ['  de ad be ef  '],
    [',:de:ad:be:ef,,'],
  ])('reads %j as de ad be ef', (input) => {
    expect(encodeHex(input)).toEqual(DEADBEEF)
  })

  it.each([[''], ['   '], ['\n'], [', :']])('reads %j as an empty payload', (input) => {
    expect(encodeHex(input)).toEqual([])
  })

  it('0x00 is a zero byte, not a prefix alone', () => {
    expect(encodeHex('0x00 00')).toEqual([0x00, 0x00])
  })

  it.each([
    ['de ad b', 'odd number of hex digits at column 7', 1, 7],
    ['deadb', 'odd number of hex digits at column 5', 1, 5],
    ['0xabc', 'odd number of hex digits at column 5', 1, 5],
    ['de a d', 'odd number of hex digits at column 4', 1, 4],
    ['degg', "invalid hex digit 'g' at column 3", 1, 3],
    ['de;ad', "invalid hex digit ';' at column 3", 1, 3],
    ['de-ad', "invalid hex digit '-' at column 3", 1, 3],
    ['dé', "invalid hex digit 'é' at column 2", 1, 2],
    ['de\u00a0ad', 'invalid hex digit U+00A0 at column 3', 1, 3],
    ['0x0x12', "invalid hex digit 'x' at column 4", 1, 4],
    ['de 0x', "missing hex digits after '0x' at column 4", 1, 4],
    ['de ad\nbe eg', "invalid hex digit 'g' at line 2, column 5", 2, 5],
    ['de ad\n\nbe e', 'odd number of hex digits at line 3, column 4', 3, 4],
    ['de\r\nzz', "invalid hex digit 'z' at line 2, column 1", 2, 1],
  ])('refuses %j: %s', (input, message, line, column) => {
    expect(errorOf(input)).toEqual({ code: 'ERR_PAYLOAD', message, line, column })
  })
})

describe('hex display', () => {
  it('is lower-case pairs separated by single spaces', () => {
    expect(formatHex(Uint8Array.from(DEADBEEF))).toBe('de ad be ef')
  })

  it('is empty for no bytes', () => {
    expect(formatHex(new Uint8Array(0))).toBe('')
  })

  it('pads single-digit bytes', () => {
    expect(formatHex(Uint8Array.from([0, 1, 0x0a, 0xf0]))).toBe('00 01 0a f0')
  })

  it('matches Node for all 256 byte values', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(formatHex(bytes)).toBe(
      Buffer.from(bytes)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
    )
  })

  it('shows a subarray view, not its whole buffer', () => {
    expect(formatHex(Uint8Array.from([1, 2, 3, 4]).subarray(1, 3))).toBe('02 03')
  })
})
