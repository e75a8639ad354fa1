import { OwnErrorCode } from '../errors'
import type { EncodeResult } from './types'

/** A failed encode whose message ends with where the problem is: "at column 7" or "at line 2, column 3". */
export function payloadFailure(input: string, index: number, problem: string): EncodeResult {
  const before = input.slice(0, index)
  const line = before.split('\n').length
  const column = index - before.lastIndexOf('\n')
  const where = input.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`
  return {
    ok: false,
    error: { code: OwnErrorCode.badPayload, message: `${problem} at ${where}`, line, column },
  }
}

/** The character at `index` when a message can show it as itself; undefined for blanks and controls. */
export function visibleCharAt(input: string, index: number): string | undefined {
  const codePoint = input.codePointAt(index) ?? 0
  const invisible = codePoint <= 0x20 || (codePoint >= 0x7f && codePoint <= 0xa0)
  return invisible ? undefined : String.fromCodePoint(codePoint)
}

/** The character at `index` as a message names it: 'g', or U+0009 when it would not show. */
export function quoteCharAt(input: string, index: number): string {
  const visible = visibleCharAt(input, index)
  if (visible !== undefined) return `'${visible}'`
  return `U+${(input.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
