import type { Page } from 'playwright-core'

/** What the page measured between startProbe() and readProbe(). */
export interface PageFigures {
  worstFrameMs: number
  /** When the worst frame ended, in ms after the probe started: the flood's first render, or later. */
  worstFrameAtMs: number
  longTaskMs: number
  frames: number
}

/** Headless Chromium begins a frame every 1/60 s: a gap between animation frames is a whole number of these. */
const FRAME_INTERVAL_MS = 1000 / 60

/**
 * A gap between animation frames on the display's frame grid. Frame times jitter by a tenth of a millisecond or so:
 * three frame intervals read 49.9 ms in one round and 50.1 ms in the next, and are the same three frames.
 */
export const onFrameGrid = (gapMs: number): number =>
  Math.round(gapMs / FRAME_INTERVAL_MS) * FRAME_INTERVAL_MS

// Page-side code as text: it runs in Chromium, where the DOM exists (the bench compiles without DOM types).
// The longest gap between animation frames is what a user feels as a freeze; long tasks are > 50 ms of work.
const START = `(() => {
  const probe = { worstFrameMs: 0, worstFrameAtMs: 0, longTaskMs: 0, frames: 0, running: true }
  window.__probe = probe
  const started = performance.now()
  let last = started
  const frame = (now) => {
    if (!probe.running) return
    if (now - last > probe.worstFrameMs) {
      probe.worstFrameMs = now - last
      probe.worstFrameAtMs = now - started
    }
    probe.frames++
    last = now
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  new PerformanceObserver((list) => {
    if (probe.running) for (const entry of list.getEntries()) probe.longTaskMs += entry.duration
  }).observe({ type: 'longtask' })
})()`

const READ = `(() => {
  const probe = window.__probe
  probe.running = false
  const { worstFrameMs, worstFrameAtMs, longTaskMs, frames } = probe
  return { worstFrameMs, worstFrameAtMs, longTaskMs, frames }
})()`

export async function startProbe(page: Page): Promise<void> {
  await page.evaluate(START)
}

export function readProbe(page: Page): Promise<PageFigures> {
  return page.evaluate(READ) as Promise<PageFigures>
}
