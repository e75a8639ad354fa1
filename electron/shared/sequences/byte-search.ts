/** Index of the first occurrence of `needle` in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0
  const first = needle[0]
  const last = haystack.length - needle.length
  for (
    let start = haystack.indexOf(first!);
    start !== -1 && start <= last;
    start = haystack.indexOf(first!, start + 1)
  ) {
    let index = 1
    while (index < needle.length && haystack[start + index] === needle[index]) index++
    if (index === needle.length) return start
  }
  return -1
}

const utf8Decoder = new TextDecoder('utf-8')
const utf8Encoder = new TextEncoder()

/** Bytes as UTF-8 text (invalid sequences become U+FFFD): what regex expectations match against. */
export const utf8Text = (bytes: Uint8Array): string => utf8Decoder.decode(bytes)

/** How many bytes the first `length` UTF-16 units of `text` take in UTF-8. */
export const utf8Length = (text: string, length: number): number =>
  utf8Encoder.encode(text.slice(0, length)).length

export const utf8Bytes = (text: string): Uint8Array => utf8Encoder.encode(text)
