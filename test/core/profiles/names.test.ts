import { describe, expect, it } from 'vitest'
import { ProfileLimits, uniqueName } from '../../../electron/shared/profiles'

describe('uniqueName', () => {
  it('keeps a free name', () => {
    expect(uniqueName('Echo', new Set(['Other']))).toBe('Echo')
  })

  it('counts on from an existing number instead of stacking suffixes', () => {
    const taken = new Set(['Echo', 'Echo (2)', 'Echo (3)'])
    expect(uniqueName('Echo', taken)).toBe('Echo (4)')
    expect(uniqueName('Echo (2)', taken)).toBe('Echo (4)')
  })

  it('stays within the name length limit', () => {
    const long = 'x'.repeat(ProfileLimits.maxNameLength)
    const renamed = uniqueName(long, new Set([long]))
    expect(renamed).toHaveLength(ProfileLimits.maxNameLength)
    expect(renamed.endsWith(' (2)')).toBe(true)
  })
})
