import { CrcCatalogue, createCrc, type CrcFunction } from './crc'
import type { TemplateStep } from './types'

// Checksums cover every byte before the macro, or only those after the last `{{begin}}` before it. Each writes
// its value in the byte order the protocols that use it put on the wire.

const checksum = (
  size: number,
  write: (covered: Uint8Array, out: Uint8Array, at: number) => void,
): TemplateStep => ({
  kind: 'checksum',
  size,
  write,
})

export const sum8 = checksum(1, (covered, out, at) => {
  let sum = 0
  for (const byte of covered) sum += byte
  out[at] = sum & 0xff
})

export const xor8 = checksum(1, (covered, out, at) => {
  let xor = 0
  for (const byte of covered) xor ^= byte
  out[at] = xor
})

/** Modbus RTU sends its CRC low byte first. */
const crc16LowFirst = (crc: CrcFunction): TemplateStep =>
  checksum(2, (covered, out, at) => {
    const value = crc(covered)
    out[at] = value & 0xff
    out[at + 1] = value >>> 8
  })

const crc16HighFirst = (crc: CrcFunction): TemplateStep =>
  checksum(2, (covered, out, at) => {
    const value = crc(covered)
    out[at] = value >>> 8
    out[at + 1] = value & 0xff
  })

export const crc16Modbus = crc16LowFirst(createCrc(CrcCatalogue.modbus))
export const crc16CcittFalse = crc16HighFirst(createCrc(CrcCatalogue.ccittFalse))
export const crc16Xmodem = crc16HighFirst(createCrc(CrcCatalogue.xmodem))

const crc32Function = createCrc(CrcCatalogue.crc32)
export const crc32 = checksum(4, (covered, out, at) => {
  const value = crc32Function(covered)
  out[at] = value >>> 24
  out[at + 1] = (value >>> 16) & 0xff
  out[at + 2] = (value >>> 8) & 0xff
  out[at + 3] = value & 0xff
})
