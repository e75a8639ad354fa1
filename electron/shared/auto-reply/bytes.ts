// Byte comparisons for the match types: plain loops over Uint8Array, so the renderer and the engine share them.

/** Whether `data` holds `part` starting at `at`. */
export function bytesAt(data: Uint8Array, part: Uint8Array, at: number): boolean {
  if (at < 0 || at + part.length > data.length) return false
  for (let i = 0; i < part.length; i++) if (data[at + i] !== part[i]) return false
  return true
}

/** The first index of `part` in `data`, or -1; the native indexOf finds each candidate first byte. */
export function indexOfBytes(data: Uint8Array, part: Uint8Array): number {
  if (part.length === 0) return 0
  const first = part[0]
  const last = data.length - part.length
  let at = data.indexOf(first)
  while (at !== -1 && at <= last) {
    if (bytesAt(data, part, at)) return at
    at = data.indexOf(first, at + 1)
  }
  return -1
}
