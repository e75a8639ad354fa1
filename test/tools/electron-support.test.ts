import { describe, expect, it } from 'vitest'
import { pinnedElectron, supportVerdict } from '../../electron/tools/electron-support.mjs'

// The Electron support policy (README "Electron version"): the pinned major must be one of the three newest.

describe('Electron support check', () => {
  it('accepts the newest three majors and refuses an older one, saying why', () => {
    expect(supportVerdict('45.5.0', '45.5.0').supported).toBe(true)
    expect(supportVerdict('43.0.1', '45.5.0').supported).toBe(true)
    const old = supportVerdict('42.9.9', '45.5.0')
    expect(old.supported).toBe(false)
    expect(old.message).toContain('out of support')
    expect(old.message).toContain('43–45')
  })

  it('refuses what it cannot read', () => {
    expect(supportVerdict('latest', '45.5.0').supported).toBe(false)
  })

  it('reads the exact version pinned in package.json', () => {
    expect(pinnedElectron()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
