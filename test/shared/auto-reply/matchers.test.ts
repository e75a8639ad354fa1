import { describe, expect, it } from 'vitest'
import {
  MAX_REGEX_INPUT_BYTES,
  compileMatch,
  parseHexPattern,
  type MatchType,
  type Matcher,
} from '../../../electron/shared/auto-reply'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

function matcher(type: MatchType, match: string): Matcher {
  const compiled = compileMatch(type, match)
  if (typeof compiled === 'string') throw new Error(compiled)
  return compiled
}

describe('text match types compare bytes, with the codec escapes in the match text', () => {
  it.each([
    ['exact', 'ping', 'ping', true],
    ['exact', 'ping', 'ping\n', false],
    ['exact', 'ping\\n', 'ping\n', true],
    ['exact', 'ping', 'pin', false],
    ['prefix', 'GET ', 'GET /', true],
    ['prefix', 'GET ', 'GE', false],
    ['prefix', 'GET ', ' GET /', false],
    ['contains', 'ping', 'xxpingxx', true],
    ['contains', 'ping', 'pin', false],
    ['contains', 'ping', 'ppping', true],
    ['contains', 'aab', 'aaab', true],
    ['contains', '\\x00\\xff', 'a\u0000', false],
    ['suffix', '\\r\\n', 'ok\r\n', true],
    ['suffix', '\\r\\n', 'ok\n', false],
    ['suffix', 'long suffix', 'fix', false],
  ] as const)('%s %j against %j: %s', (type, match, data, expected) => {
    expect(matcher(type, match)(bytes(data)) !== undefined).toBe(expected)
  })

  it('finds binary bytes written as escapes', () => {
    expect(matcher('contains', '\\x00\\xff')(Uint8Array.of(1, 0, 0xff, 2))).toEqual([])
    expect(matcher('suffix', '\\x03')(Uint8Array.of(2, 0x41, 3))).toEqual([])
  })

  it('refuses an unknown escape with the codec message', () => {
    expect(compileMatch('contains', 'a\\q')).toMatch(/unknown escape/)
  })
})

describe('regex', () => {
  it('returns the whole match then each group, an absent group as empty text', () => {
    expect(matcher('regex', 'T=(\\d+)(C)?')(bytes('T=21\r\n'))).toEqual(['T=21', '21', ''])
    expect(matcher('regex', '^READ (\\w+)$')(bytes('READ temp'))).toEqual(['READ temp', 'temp'])
    expect(matcher('regex', '^READ')(bytes('xREAD'))).toBeUndefined()
  })

  it('reads the message as UTF-8', () => {
    expect(matcher('regex', 'név=(.+)')(bytes('név=Ádám'))).toEqual(['név=Ádám', 'Ádám'])
  })

  it(`sees only the first ${MAX_REGEX_INPUT_BYTES} bytes of a longer message`, () => {
    const long = new Uint8Array(MAX_REGEX_INPUT_BYTES + 10).fill(0x61)
    long.set(bytes('END'), MAX_REGEX_INPUT_BYTES + 5)
    expect(matcher('regex', 'END')(long)).toBeUndefined()
    expect(matcher('regex', '^a+$')(long)?.[0].length).toBe(MAX_REGEX_INPUT_BYTES)
  })

  it('runs through the runner it is given (the engine gives one with a time budget)', () => {
    const seen: string[] = []
    const compiled = compileMatch('regex', 'x', (regex, text) => {
      seen.push(text)
      return regex.exec(text)
    })
    if (typeof compiled === 'string') throw new Error(compiled)
    compiled(bytes('axb'))
    expect(seen).toEqual(['axb'])
  })

  it('refuses a pattern JavaScript cannot read, with its message', () => {
    expect(compileMatch('regex', '(unclosed')).toMatch(/Unterminated group/)
  })
})

describe('hex prefix with ?? wildcards', () => {
  it.each([
    ['01 03', [1, 3, 9], true],
    ['01 03', [1], false],
    ['01 ?? 03', [1, 0xaa, 3], true],
    ['01 ?? 03', [1, 0xaa, 4], false],
    ['0x01,0x03', [1, 3], true],
    ['01??03', [1, 0, 3, 0], true],
    ['DE:AD', [0xde, 0xad], true],
  ] as const)('%s against %j: %s', (match, data, expected) => {
    expect(matcher('hex', match)(Uint8Array.from(data)) !== undefined).toBe(expected)
  })

  it.each([
    ['', 'at least one byte'],
    ['0', 'odd number of hex digits'],
    ['0g', "'0g' at column 1"],
    ['01 ?x', "'?x' at column 4"],
    ['0x', "missing hex digits after '0x'"],
  ])('refuses %j: %s', (match, problem) => {
    expect(parseHexPattern(match)).toContain(problem)
  })
})
