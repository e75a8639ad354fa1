export type TimestampMode = 'relative' | 'absolute'

/** Milliseconds since the epoch, monotonic within the page (a clock change does not step it). */
export const pageClock = (): number => performance.timeOrigin + performance.now()

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** Wall-clock time with milliseconds: "14:03:07.125". */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** Seconds since `originMs` with millisecond precision: "+12.345 s". */
export function formatRelative(epochMs: number, originMs: number): string {
  const seconds = Math.max(0, epochMs - originMs) / 1000
  return `+${seconds.toFixed(3)} s`
}

export function formatTimestamp(epochMs: number, mode: TimestampMode, originMs: number): string {
  return mode === 'absolute' ? formatClock(epochMs) : formatRelative(epochMs, originMs)
}

/** Elapsed time as "1:02:03" or "02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}
