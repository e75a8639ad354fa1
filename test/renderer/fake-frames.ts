import { vi } from 'vitest'

/**
 * Fake timers that drive animation frames too: under happy-dom vitest leaves requestAnimationFrame real by default,
 * and the log, the timeline and the rates chart redraw in animation frames (renderer/src/lib/frame-queue.ts).
 */
export function useFakeTimersWithFrames(): void {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'Date',
      'performance',
      'requestAnimationFrame',
      'cancelAnimationFrame',
    ],
  })
}
