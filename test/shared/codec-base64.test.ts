import { describe, expect, it } from 'vitest'
import { encodePayload, formatBase64 } from '../../electron/shared/codec'

const encodeBase64 = (input: string): number[] => {
  const result = encodePayload(input, 'base64')
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`)
  return [...result.bytes]
}

const errorOf = (input: string) => {
  const result = encodePayload(input, 'base64')
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return result.error
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')]

describe('base64 encoding', () => {
  it.each([
    ['', ''],
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg==', 'foob'],
    ['Zm9vYmE=', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
  ])('decodes the RFC 4648 vector %j', (input, text) => {
    expect(encodeBase64(input)).toEqual(ascii(text))
  })

  it.each([
    ['Zg', 'f'],
    ['Zm8', 'fo'],
    ['Zm9vYg', 'foob'],
  ])('accepts %j without padding', (input, text) => {
    expect(encodeBase64(input)).toEqual(ascii(text))
  })

  it.each([['Zm9v\nYmFy'], [' Zm9v YmFy '], ['Zm9v\r\nYmFy\r\n'], ['\tZm 9v Ym Fy']])(
    'ignores whitespace in %j',
    (input) => {
      expect(encodeBase64(input)).toEqual(ascii('foobar'))
    },
  )

  it('accepts whitespace inside the padding', () => {
    expect(encodeBase64('Zg= =\n')).toEqual(ascii('f'))
  })

  it('accepts the URL-safe alphabet', () => {
    expect(encodeBase64('-_-_')).toEqual([0xfb, 0xff, 0xbf])
    expect(encodeBase64('+/+/')).toEqual([0xfb, 0xff, 0xbf])
  })

  it('ignores unused low bits of the last character, as atob does', () => {
    expect(encodeBase64('Zh==')).toEqual(ascii('f'))
  })

  it.each([
    ['Zm9v!', "invalid base64 character '!' at column 5", 1, 5],
    ['Zm 9v.', "invalid base64 character '.' at column 6", 1, 6],
    ['Zm9vé', "invalid base64 character 'é' at column 5", 1, 5],
    ['Zm9v\u00a0', 'invalid base64 character U+00A0 at column 5', 1, 5],
    ['Zm9vY', 'incomplete base64 (a lone final character) at column 5', 1, 5],
    ['=', "unexpected '=' at column 1", 1, 1],
    ['Zm9v=', "unexpected '=' at column 5", 1, 5],
    ['Zm9vY=', "unexpected '=' at column 6", 1, 6],
    ['Zg==Zg==', "unexpected 'Z' after padding at column 5", 1, 5],
    ['Zg===', "too much '=' padding at column 5", 1, 5],
    ['Zm8==', "too much '=' padding at column 5", 1, 5],
    ['Zg=', "incomplete '=' padding at column 4", 1, 4],
    ['Zm9v\nYm!y', "invalid base64 character '!' at line 2, column 3", 2, 3],
  ])('refuses %j: %s', (input, message, line, column) => {
    expect(errorOf(input)).toEqual({ code: 'ERR_PAYLOAD', message, line, column })
  })
})

describe('base64 display', () => {
  it('is standard base64 with padding', () => {
    expect(formatBase64(Uint8Array.from(ascii('fooba')))).toBe('Zm9vYmE=')
    expect(formatBase64(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('+/+/')
    expect(formatBase64(new Uint8Array(0))).toBe('')
  })

  it('handles payloads larger than one fromCharCode slice', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff)
    expect(formatBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  })
})
