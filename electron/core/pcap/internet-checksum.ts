// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. Sums of
// pieces add up, so a header and a payload are summed apart and never copied together for it.

/** Adds `bytes` as big-endian 16-bit words to `sum` (an odd last byte is padded with zero). */
export function addWords(sum: number, bytes: Uint8Array): number {
  let total = sum
  const even = bytes.length & ~1
  for (let index = 0; index < even; index += 2) total += (bytes[index]! << 8) | bytes[index + 1]!
  if (even < bytes.length) total += bytes[even]! << 8
  // Folding now and then keeps the number an exact integer (far below 2^53) whatever the length.
  return total > 0xffffffff ? fold(total) : total
}

function fold(sum: number): number {
  let folded = sum
  while (folded > 0xffff) folded = (folded % 0x10000) + Math.floor(folded / 0x10000)
  return folded
}

/** The checksum field for a finished sum. */
export function checksumOf(sum: number): number {
  return ~fold(sum) & 0xffff
}
