// A refused request must not cost more than a cheap look: an 11 MiB frame of a million keys once cost ~3 s of
// JSON.parse and schema work (stalling every client) only to be refused. Before parsing, the values in a frame
// are counted (commas and colons outside strings); strings are skipped with indexOf, so a 16 MiB base64 payload
// costs one native scan.

/** Values a request frame may hold: far above any real request, far below what stalls the host. */
export const MAX_FRAME_VALUES = 100_000

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a

/** The index of the quote that closes the string opened before `from`, or -1 when it is never closed. */
function stringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from)
  while (quote !== -1) {
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    quote = text.indexOf('"', quote + 1)
  }
  return -1
}

/** Whether the frame holds at most `max` values; malformed text is left for the parser to refuse. */
export function withinValueBudget(text: string, max = MAX_FRAME_VALUES): boolean {
  let values = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === QUOTE) {
      const end = stringEnd(text, index + 1)
      if (end === -1) return true
      index = end
    } else if ((code === COMMA || code === COLON) && ++values > max) {
      return false
    }
  }
  return true
}
