import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CrcCatalogue, createCrc, type CrcParameters } from '../../../electron/shared/templates'

const CHECK_INPUT = new TextEncoder().encode('123456789')

/** The catalogue's definition run bit by bit, with no table: what the table-driven engine must agree with. */
function bitwiseCrc(parameters: CrcParameters, bytes: Uint8Array): number {
  const { width, poly, refin, refout } = parameters
  const reflect = (value: number, bits: number): number => {
    let out = 0
    for (let bit = 0; bit < bits; bit++) if (value & (1 << bit)) out |= 1 << (bits - 1 - bit)
    return out >>> 0
  }
  const top = 2 ** (width - 1)
  const mask = 2 ** width - 1
  let register = parameters.init
  for (const byte of bytes) {
    const input = refin ? reflect(byte, 8) : byte
    for (let bit = 7; bit >= 0; bit--) {
      const feedback = (register >= top ? 1 : 0) ^ ((input >> bit) & 1)
      register = (register * 2) % (mask + 1)
      if (feedback) register = (register ^ poly) >>> 0
    }
  }
  if (refout) register = reflect(register, width)
  return ((register ^ parameters.xorout) >>> 0) % (mask + 1)
}

describe('the CRC engine', () => {
  it.each(Object.values(CrcCatalogue))(
    '$name gives the catalogue check value for "123456789"',
    (parameters) => {
      expect(createCrc(parameters)(CHECK_INPUT).toString(16)).toBe(parameters.check.toString(16))
    },
  )

  it('CRC-16/MODBUS of 01 03 00 00 00 0a is 0xcdc5 (sent c5 cd)', () => {
    expect(createCrc(CrcCatalogue.modbus)(Uint8Array.of(1, 3, 0, 0, 0, 0x0a))).toBe(0xcdc5)
  })

  it('of no bytes is init, reflected and xored as the catalogue defines', () => {
    expect(createCrc(CrcCatalogue.crc32)(new Uint8Array(0))).toBe(0)
    expect(createCrc(CrcCatalogue.ccittFalse)(new Uint8Array(0))).toBe(0xffff)
  })

  it.each(Object.values(CrcCatalogue))(
    '$name agrees with a bit-by-bit reference on any bytes',
    (parameters) => {
      const crc = createCrc(parameters)
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
          expect(crc(bytes)).toBe(bitwiseCrc(parameters, bytes))
        }),
      )
    },
  )

  it('handles mixed reflection (refin without refout), checked against the reference', () => {
    const mixed: CrcParameters = {
      ...CrcCatalogue.xmodem,
      name: 'mixed',
      refin: true,
      refout: false,
      check: 0,
    }
    expect(createCrc(mixed)(CHECK_INPUT)).toBe(bitwiseCrc(mixed, CHECK_INPUT))
    const other: CrcParameters = {
      ...CrcCatalogue.modbus,
      name: 'other',
      refin: false,
      refout: true,
      check: 0,
    }
    expect(createCrc(other)(CHECK_INPUT)).toBe(bitwiseCrc(other, CHECK_INPUT))
  })
})
