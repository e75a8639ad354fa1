import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  encodePayload,
  formatHex,
  type LineEnding,
  type PayloadEncoding,
} from '../../../electron/shared/codec'
import { OwnErrorCode } from '../../../electron/shared/errors'
import { compileTemplate, type ExpandContext } from '../../../electron/shared/templates'

function expandHex(
  input: string,
  encoding: PayloadEncoding,
  context: ExpandContext = { counter: 1 },
  lineEnding: LineEnding = 'none',
): string {
  const result = compileTemplate(input, encoding, lineEnding)
  if (!result.ok) throw new Error(result.error.message)
  return formatHex(result.template.expand(context))
}

const text = (bytes: string): string =>
  new TextDecoder().decode(Uint8Array.from(bytes.split(' '), (pair) => parseInt(pair, 16)))

function refusal(input: string, encoding: PayloadEncoding = 'text') {
  const result = compileTemplate(input, encoding)
  if (result.ok) throw new Error(`expected ${input} to be refused`)
  return result.error
}

describe('text macros', () => {
  it('{{counter}} is the context counter as decimal text, advancing across expansions', () => {
    const result = compileTemplate('#{{counter}};', 'text')
    if (!result.ok) throw new Error(result.error.message)
    const sent = [1, 2, 10, 12345].map((counter) =>
      new TextDecoder().decode(result.template.expand({ counter })),
    )
    expect(sent).toEqual(['#1;', '#2;', '#10;', '#12345;'])
  })

  it('{{time}} and {{unixtime}} use context.now', () => {
    const now = Date.UTC(2030, 5, 7, 8, 9, 10, 11)
    expect(text(expandHex('{{time}}|{{unixtime}}', 'text', { counter: 1, now }))).toBe(
      `2030-06-07T08:09:10.011Z|${Math.floor(now / 1000)}`,
    )
  })

  it('{{time}} defaults to the clock', () => {
    const before = Date.now()
    const sent = Date.parse(text(expandHex('{{time}}', 'text')))
    expect(sent).toBeGreaterThanOrEqual(before)
    expect(sent).toBeLessThanOrEqual(Date.now())
  })

  it('{{random}} and {{uuid}} change on every send', () => {
    const result = compileTemplate('{{random}} {{uuid}}', 'text')
    if (!result.ok) throw new Error(result.error.message)
    const sends = new Set(
      Array.from({ length: 20 }, () => new TextDecoder().decode(result.template.expand({ counter: 1 }))),
    )
    expect(sends.size).toBe(20)
    for (const sent of sends) expect(sent).toMatch(/^\d+ [0-9a-f-]{36}$/)
  })

  it('{{1}}, {{2}} insert captures as UTF-8; {{0}} is the whole match; a missing one is empty', () => {
    const match = /(\w+)=(\S+)/.exec('set temp=21°C')!
    expect(text(expandHex('<{{2}}|{{1}}|{{0}}|{{3}}>', 'text', { counter: 1, captures: match }))).toBe(
      '<21°C|temp|temp=21°C|>',
    )
    expect(text(expandHex('[{{1}}]', 'text', { counter: 1 }))).toBe('[]')
  })

  it('accept spaces inside the braces and any case in the name', () => {
    expect(text(expandHex('{{ Counter }}', 'text', { counter: 7 }))).toBe('7')
  })
})

describe('binary fields', () => {
  it.each([
    ['u8:255', 'ff'],
    ['u8:-1', 'ff'],
    ['u8:0x7f', '7f'],
    ['u16be:0x1234', '12 34'],
    ['u16le:0x1234', '34 12'],
    ['u16be:-2', 'ff fe'],
    ['u32be:305419896', '12 34 56 78'],
    ['u32le:305419896', '78 56 34 12'],
    ['u64be:18446744073709551615', 'ff ff ff ff ff ff ff ff'],
    ['u64le:0x1122334455667788', '88 77 66 55 44 33 22 11'],
    ['u64be:-1', 'ff ff ff ff ff ff ff ff'],
    ['f32be:1', '3f 80 00 00'],
    ['f32le:1', '00 00 80 3f'],
    ['f32be:-0.5', 'bf 00 00 00'],
    ['f64be:1e3', '40 8f 40 00 00 00 00 00'],
    ['f64le:1e3', '00 00 00 00 00 40 8f 40'],
    ['f64be:.25', '3f d0 00 00 00 00 00 00'],
  ])('{{%s}} is %s', (macro, hex) => {
    expect(expandHex(`{{${macro}}}`, 'hex')).toBe(hex)
  })

  it.each([
    ['u8', 300, '2c'],
    ['u16be', 258, '01 02'],
    ['u16le', 258, '02 01'],
    ['u16be', 65537, '00 01'],
    ['u32be', 16909060, '01 02 03 04'],
    ['u32le', 16909060, '04 03 02 01'],
    ['u64be', 2 ** 40 + 1, '00 00 01 00 00 00 00 01'],
    ['u64le', 2 ** 40 + 1, '01 00 00 00 00 01 00 00'],
    ['f32be', 3, '40 40 00 00'],
    ['f32le', 3, '00 00 40 40'],
    ['f64be', 3, '40 08 00 00 00 00 00 00'],
    ['f64le', 3, '00 00 00 00 00 00 08 40'],
  ])('{{%s:counter}} with counter %i is %s (integers wrap at the width)', (field, counter, hex) => {
    expect(expandHex(`{{${field}:counter}}`, 'hex', { counter })).toBe(hex)
  })

  it('a counter field advances across expansions', () => {
    const result = compileTemplate('aa {{u16be:counter}}', 'hex')
    if (!result.ok) throw new Error(result.error.message)
    expect([1, 2, 3].map((counter) => formatHex(result.template.expand({ counter })))).toEqual([
      'aa 00 01',
      'aa 00 02',
      'aa 00 03',
    ])
  })
})

describe('checksums', () => {
  it('cover every byte before the macro, macros included', () => {
    expect(expandHex('01 02 {{u8:3}} {{sum8}}', 'hex')).toBe('01 02 03 06')
    expect(expandHex('01 03 00 00 00 0a {{crc16-modbus}}', 'hex')).toBe('01 03 00 00 00 0a c5 cd')
  })

  it('cover only the bytes after {{begin}} when present', () => {
    expect(expandHex('7e {{begin}} 01 02 {{xor8}} 7e', 'hex')).toBe('7e 01 02 03 7e')
    expect(expandHex('ff ff {{begin}}01 03 00 00 00 0a{{crc16-modbus}}', 'hex')).toBe(
      'ff ff 01 03 00 00 00 0a c5 cd',
    )
  })

  it('use the nearest {{begin}} before them; an earlier checksum is covered by a later one', () => {
    expect(expandHex('01 {{sum8}} {{sum8}}', 'hex')).toBe('01 01 02')
    expect(expandHex('01 {{begin}} 02 {{sum8}} {{begin}} 05 {{sum8}} {{sum8}}', 'hex')).toBe(
      '01 02 02 05 05 0a',
    )
  })

  it('over nothing are the algorithm of no bytes', () => {
    expect(expandHex('{{sum8}}', 'hex')).toBe('00')
    expect(expandHex('{{crc16-ccitt-false}}', 'hex')).toBe('ff ff')
    expect(expandHex('{{crc32}}', 'hex')).toBe('00 00 00 00')
  })

  it.each([
    ['{{crc16-modbus}}', '37 4b'],
    ['{{crc16-ccitt-false}}', '29 b1'],
    ['{{crc16-xmodem}}', '31 c3'],
    ['{{crc32}}', 'cb f4 39 26'],
  ])('%s of "123456789" is the catalogue check value in its byte order', (macro, crc) => {
    expect(expandHex(`{{begin}}123456789${macro}`, 'text').split(' ').slice(9).join(' ')).toBe(crc)
  })

  it('cover a counter that changes on each send', () => {
    const result = compileTemplate('{{u8:counter}}{{sum8}}', 'hex')
    if (!result.ok) throw new Error(result.error.message)
    expect(formatHex(result.template.expand({ counter: 5 }))).toBe('05 05')
    expect(formatHex(result.template.expand({ counter: 6 }))).toBe('06 06')
  })

  it('do not cover the line ending, which comes last', () => {
    expect(expandHex('01 {{sum8}}', 'hex', { counter: 1 }, 'crlf')).toBe('01 01 0d 0a')
  })
})

describe('encodings', () => {
  it('hex: macros stand between bytes, with or without spaces', () => {
    expect(expandHex('01{{u8:2}}03 {{u16be:counter}}0x04,05', 'hex', { counter: 9 })).toBe(
      '01 02 03 00 09 04 05',
    )
  })

  it('text: escapes work around macros; \\x7b\\x7b sends a literal {{', () => {
    expect(text(expandHex('\\x7b\\x7bn}}\\t{{counter}}\\n', 'text', { counter: 3 }))).toBe('{{n}}\t3\n')
  })

  it('base64: each run between macros is decoded on its own', () => {
    expect(expandHex('AQI={{u8:3}}BA', 'base64')).toBe('01 02 03 04')
  })

  it('a message without macros is its plain encoding, and not dynamic', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        fc.constantFrom<LineEnding>('none', 'lf', 'crlf'),
        (input, ending) => {
          const plain = encodePayload(input, 'text', ending)
          const compiled = compileTemplate(input, 'text', ending)
          expect(compiled.ok).toBe(plain.ok)
          if (plain.ok && compiled.ok) {
            expect(compiled.template.dynamic).toBe(false)
            expect([...compiled.template.expand({ counter: 1 })]).toEqual([...plain.bytes])
          }
        },
      ),
    )
  })

  it('any hex bytes with a u8 counter field between any two of them keep their order', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 20 }),
        fc.nat(20),
        fc.integer({ min: 0, max: 255 }),
        (bytes, cut, counter) => {
          const at = Math.min(cut, bytes.length)
          const hex = (part: Uint8Array) => formatHex(part)
          const input = `${hex(bytes.subarray(0, at))} {{u8:counter}} ${hex(bytes.subarray(at))}`
          const expected = [...bytes.subarray(0, at), counter, ...bytes.subarray(at)]
          expect(expandHex(input, 'hex', { counter })).toBe(formatHex(Uint8Array.from(expected)))
        },
      ),
    )
  })
})

describe('refusals carry the position', () => {
  it.each([
    ['abc {{nope}}', 'text', 1, 5, 'unknown macro {{nope}}'],
    ['ok\nx {{counter}} {{constructor}}', 'text', 2, 15, 'unknown macro {{constructor}}'],
    ['a {{counter', 'text', 1, 3, 'unclosed macro'],
    ['{{}}', 'text', 1, 1, 'empty macro'],
    ['{{counter:1}}', 'text', 1, 1, 'takes no argument'],
    ['{{u8}}', 'hex', 1, 1, 'needs a value'],
    ['01 {{u8:256}}', 'hex', 1, 9, 'does not fit'],
    ['01 {{u16be:-32769}}', 'hex', 1, 12, 'does not fit'],
    ['{{u8:abc}}', 'hex', 1, 6, 'needs an integer'],
    ['{{u8:1.5}}', 'hex', 1, 6, 'needs an integer'],
    ['{{f32be:x}}', 'hex', 1, 9, 'needs a number'],
    ['01 0{{sum8}}', 'hex', 1, 4, 'odd number of hex digits'],
    ['01\n02 zz {{sum8}}', 'hex', 2, 4, "invalid hex digit 'z'"],
    ['{{counter}} 0{{sum8}}', 'hex', 1, 13, 'odd number of hex digits'],
    ['{{counter}}\\q', 'text', 1, 12, "unknown escape '\\q'"],
    ['{{counter}}\nab\\', 'text', 2, 3, 'trailing backslash'],
    ['A={{u8:1}}', 'base64', 1, 2, "unexpected '='"],
    ['{{u8:1}}AQ=', 'base64', 1, 12, "incomplete '=' padding"],
  ] as const)('%j (%s) at line %i, column %i: %s', (input, encoding, line, column, problem) => {
    const error = refusal(input, encoding)
    expect(error.code).toBe(OwnErrorCode.badPayload)
    expect({ line: error.line, column: error.column }).toEqual({ line, column })
    expect(error.message).toContain(problem)
    expect(error.message).toMatch(
      line === 1 && !input.includes('\n') ? /at column \d+$/ : /at line \d+, column \d+$/,
    )
  })
})
