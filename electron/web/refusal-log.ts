// Refusals are written for the user to see who knocked, but anyone who can reach the port can make them: a flood
// once wrote ~10 MiB/s to stderr. Past a few lines per window the rest are counted, and one summary line with the
// count and the latest of them as a sample is written when the window ends.

export const RefusalLogDefaults = {
  linesPerWindow: 50,
  windowMs: 1_000,
} as const

export interface RefusalLog {
  (line: string): void
  /** Writes the summary of what was held back, at once (on close). */
  flush(): void
}

export function createRefusalLog(
  write: (line: string) => void,
  { linesPerWindow, windowMs }: { linesPerWindow: number; windowMs: number } = RefusalLogDefaults,
): RefusalLog {
  let written = 0
  let heldBack = 0
  let sample = ''
  let window: ReturnType<typeof setTimeout> | undefined

  function flush(): void {
    if (window !== undefined) clearTimeout(window)
    window = undefined
    if (heldBack > 0) write(`web: ${heldBack} more refusals not logged; the latest: ${sample}`)
    written = 0
    heldBack = 0
    sample = ''
  }

  const log = (line: string): void => {
    if (window === undefined) {
      window = setTimeout(flush, windowMs)
      // A pending summary must not keep the process alive.
      window.unref?.()
    }
    if (written < linesPerWindow) {
      written += 1
      write(line)
      return
    }
    heldBack += 1
    sample = line
  }
  return Object.assign(log, { flush })
}
