import { hexDigitValue } from '../codec/hex'

// A hex prefix pattern: byte pairs as the payload codec reads them ("01 03", "0x01,0x03", "0103"), where "??"
// stands for any byte. It matches data that starts with those bytes.

export interface HexPattern {
  bytes: Uint8Array
  /** Per byte: true when any value matches ("??"). */
  wildcard: boolean[]
}

const isSeparator = (char: string): boolean => ' \t\r\n,:'.includes(char)

/** The pattern, or why it cannot be read (with the 1-based column). */
export function parseHexPattern(text: string): HexPattern | string {
  const values: number[] = []
  const wildcard: boolean[] = []
  let index = 0
  while (index < text.length) {
    if (isSeparator(text[index])) {
      index++
      continue
    }
    if (text[index] === '0' && (text[index + 1] === 'x' || text[index + 1] === 'X')) index += 2
    const start = index
    while (index < text.length && !isSeparator(text[index])) index++
    const group = text.slice(start, index)
    if (group.length === 0) return `missing hex digits after '0x' at column ${start}`
    if (group.length % 2 === 1) return `odd number of hex digits at column ${index}`
    for (let at = 0; at < group.length; at += 2) {
      const pair = group.slice(at, at + 2)
      if (pair === '??') {
        values.push(0)
        wildcard.push(true)
        continue
      }
      const high = hexDigitValue(pair.charCodeAt(0))
      const low = hexDigitValue(pair.charCodeAt(1))
      if (high < 0 || low < 0) return `'${pair}' at column ${start + at + 1} is neither a hex byte nor ??`
      values.push((high << 4) | low)
      wildcard.push(false)
    }
  }
  if (values.length === 0) return 'a hex pattern needs at least one byte, e.g. 01 03 ?? ??'
  return { bytes: Uint8Array.from(values), wildcard }
}

/** Whether `data` starts with the pattern. */
export function startsWithPattern(data: Uint8Array, { bytes, wildcard }: HexPattern): boolean {
  if (data.length < bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (!wildcard[i] && data[i] !== bytes[i]) return false
  return true
}
