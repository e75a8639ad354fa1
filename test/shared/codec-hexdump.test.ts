import { describe, expect, it } from 'vitest'
import { formatHexDump } from '../../electron/shared/codec'

const sample = Uint8Array.from([
  ...Array.from({ length: 40 }, (_, i) => i),
  ...Buffer.from('Hello, world!\x7f\x80\xff', 'latin1'),
])

describe('hex dump', () => {
  it('lays out offset | hex | ASCII, 16 bytes a line, short last line aligned', () => {
    expect(formatHexDump(sample)).toBe(
      [
        '00000000 | 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f | ................',
        '00000010 | 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f | ................',
        `00000020 | 20 21 22 23 24 25 26 27 48 65 6c 6c 6f 2c 20 77 |  !"#$%&'Hello, w`,
        '00000030 | 6f 72 6c 64 21 7f 80 ff                         | orld!...',
      ].join('\n'),
    )
  })

  it('is empty for no bytes', () => {
    expect(formatHexDump(new Uint8Array(0))).toBe('')
  })

  it('shows one byte on one line', () => {
    expect(formatHexDump(Uint8Array.of(0x41))).toBe(`00000000 | 41${' '.repeat(45)} | A`)
  })

  it('ends exactly at a full line without an empty line after it', () => {
    expect(formatHexDump(sample.subarray(0, 16)).split('\n')).toHaveLength(1)
    expect(formatHexDump(sample.subarray(0, 17)).split('\n')).toEqual([
      '00000000 | 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f | ................',
      `00000010 | 10${' '.repeat(45)} | .`,
    ])
  })

  it('takes another line width', () => {
    expect(formatHexDump(Uint8Array.from(Buffer.from('ABCDEFGHIJ')), 4)).toBe(
      ['00000000 | 41 42 43 44 | ABCD', '00000004 | 45 46 47 48 | EFGH', '00000008 | 49 4a       | IJ'].join(
        '\n',
      ),
    )
  })

  it('counts offsets past 0xffff in 8 hex digits', () => {
    const lines = formatHexDump(new Uint8Array(0x10010)).split('\n')
    expect(lines.at(-1)?.startsWith('00010000 | 00 ')).toBe(true)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses %s bytes per line with a coded error', (width) => {
    expect(() => formatHexDump(sample, width)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_REQUEST' }),
    )
  })
})
