import type { Page } from 'playwright-core'

/** What the page measured between startProbe() and readProbe(). */
export interface PageFigures {
  worstFrameMs: number
  longTaskMs: number
  frames: number
}

// Page-side code as text: it runs in Chromium, where the DOM exists (the bench compiles without DOM types).
// The longest gap between animation frames is what a user feels as a freeze; long tasks are > 50 ms of work.
const START = `(() => {
  const probe = { worstFrameMs: 0, longTaskMs: 0, frames: 0, running: true }
  window.__probe = probe
  let last = performance.now()
  const frame = (now) => {
    if (!probe.running) return
    probe.worstFrameMs = Math.max(probe.worstFrameMs, now - last)
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
  return { worstFrameMs: probe.worstFrameMs, longTaskMs: probe.longTaskMs, frames: probe.frames }
})()`

export async function startProbe(page: Page): Promise<void> {
  await page.evaluate(START)
}

export function readProbe(page: Page): Promise<PageFigures> {
  return page.evaluate(READ) as Promise<PageFigures>
}
