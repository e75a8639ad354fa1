import { describe, expect, it } from 'vitest'
import { compileTemplate as compileReply } from '../../../electron/shared/templates'
import { RegexTimeout, budgetedRegexRunner } from '../../../electron/core/engine/auto-reply/regex-budget'

function expand(reply: string, encoding: 'text' | 'hex', captures: string[] = []): Buffer {
  const compiled = compileReply(reply, encoding)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return Buffer.from(compiled.template.expand({ counter: 1, captures }))
}

const problem = (reply: string, encoding: 'text' | 'hex'): string => {
  const compiled = compileReply(reply, encoding)
  return compiled.ok ? 'compiled' : compiled.error.message
}

describe('auto-reply replies are templates', () => {
  it('reads text escapes, and hex bytes', () => {
    expect(expand('pong\\r\\n', 'text').toString()).toBe('pong\r\n')
    expect([...expand('06 0d,0x0a', 'hex')]).toEqual([6, 0x0d, 0x0a])
  })

  it('inserts {{n}} as capture n in UTF-8, a missing one as nothing', () => {
    expect(expand('v={{1}};{{2}}', 'text', ['whole', 'x', 'é']).toString()).toBe('v=x;é')
    expect(expand('[{{0}}]{{3}}', 'text', ['whole']).toString()).toBe('[whole]')
    expect([...expand('06 {{1}} 0d', 'hex', ['whole', 'AB'])]).toEqual([6, 0x41, 0x42, 0x0d])
  })

  it('computes a Modbus RTU CRC over the reply, a capture included', () => {
    expect(expand('01 03 00 {{1}} 00 0a {{crc16-modbus}}', 'hex', ['whole', '\u0000']).toString('hex')).toBe(
      '01030000000ac5cd',
    )
  })

  it.each([
    ['06 {{1}} 0g', 'hex', "invalid hex digit 'g' at column 11"],
    ['06 {{1}} 0', 'hex', 'odd number of hex digits at column 10'],
    ['a\\q{{1}}', 'text', "unknown escape '\\q' at column 2"],
    ['{{1}}ok\nthen \\q', 'text', "unknown escape '\\q' at line 2, column 6"],
  ] as const)('refuses %j (%s) at the position in the whole reply', (reply, encoding, message) => {
    expect(problem(reply, encoding)).toBe(message)
  })
})

describe('the regex time budget', () => {
  it('runs a regex and answers what exec answers', () => {
    const run = budgetedRegexRunner(50)
    expect(run(/b(.)d/, 'abcde')?.slice()).toEqual(['bcd', 'c'])
    expect(run(/z/, 'abc')).toBeNull()
  })

  it('stops ^(a+)+$ on "aaaa…a!" with RegexTimeout, and runs the next regex as usual', () => {
    const run = budgetedRegexRunner(20)
    expect(() => run(/^(a+)+$/, `${'a'.repeat(40)}!`)).toThrow(RegexTimeout)
    expect(run(/^(a+)+$/, 'aaaa')?.[0]).toBe('aaaa')
  })
})
