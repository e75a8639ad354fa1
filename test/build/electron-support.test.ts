import { describe, expect, it } from 'vitest'
import { packageJson } from './project'

// Checklist item 16, "use a current version of Electron": Electron supports its latest three stable majors and
// ships a new major every 8 weeks, in step with every other Chromium release
// (https://www.electronjs.org/docs/latest/tutorial/electron-timelines). This check works offline: it estimates the
// newest major from that cadence and fails once the pinned major has fallen out of the supported three, so the
// pin is moved before users run an Electron that no longer gets security fixes.

/** A release the estimate counts from: Electron 39.0.0, 28 October 2025. */
const ANCHOR = { major: 39, time: Date.UTC(2025, 9, 28) }
const WEEK_MS = 7 * 24 * 60 * 60 * 1000
const WEEKS_PER_MAJOR = 8
const SUPPORTED_MAJORS = 3

/** The newest stable major expected at `time`. */
function estimatedNewestMajor(time: number): number {
  return ANCHOR.major + Math.floor((time - ANCHOR.time) / (WEEKS_PER_MAJOR * WEEK_MS))
}

function isSupportedMajor(major: number, time: number): boolean {
  return major > estimatedNewestMajor(time) - SUPPORTED_MAJORS
}

describe('the pinned Electron', () => {
  const pinned = packageJson.devDependencies['electron'] ?? ''

  it('is an exact version, so every install runs the one that was tested', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('is one of the three supported majors (estimated from the 8-week cadence)', () => {
    const major = Number(pinned.split('.')[0])
    const newest = estimatedNewestMajor(Date.now())
    expect(
      isSupportedMajor(major, Date.now()),
      `Electron ${major} is out of support (newest is about ${newest}); move to ${newest - SUPPORTED_MAJORS + 1} or later`,
    ).toBe(true)
  })

  it('estimates the cadence right at its anchor and two years on', () => {
    expect(estimatedNewestMajor(ANCHOR.time)).toBe(39)
    expect(estimatedNewestMajor(Date.UTC(2025, 11, 23))).toBe(40)
    expect(isSupportedMajor(37, ANCHOR.time)).toBe(true)
    expect(isSupportedMajor(36, ANCHOR.time)).toBe(false)
    expect(isSupportedMajor(45, Date.UTC(2027, 9, 28))).toBe(false)
  })
})
