import { CodedError, OwnErrorCode } from '../errors'
import { HEX_PAIRS } from './hex'

const printableAscii = (byte: number): string =>
  byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'

/**
 * One line per `bytesPerLine` bytes: "00000010 | 48 65 6c 6c 6f | Hello". The hex column of a short last line is
 * padded so the ASCII column stays aligned; lines are joined with '\n' and there is no trailing newline.
 */
export function formatHexDump(bytes: Uint8Array, bytesPerLine = 16): string {
  if (!Number.isInteger(bytesPerLine) || bytesPerLine < 1) {
    throw new CodedError(OwnErrorCode.invalidRequest, 'Bytes per line must be a whole number of 1 or more.')
  }
  const hexWidth = bytesPerLine * 3 - 1
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length; offset += bytesPerLine) {
    const row = bytes.subarray(offset, offset + bytesPerLine)
    const hex: string[] = []
    const ascii: string[] = []
    for (const byte of row) {
      hex.push(HEX_PAIRS[byte])
      ascii.push(printableAscii(byte))
    }
    const offsetText = offset.toString(16).padStart(8, '0')
    lines.push(`${offsetText} | ${hex.join(' ').padEnd(hexWidth)} | ${ascii.join('')}`)
  }
  return lines.join('\n')
}
