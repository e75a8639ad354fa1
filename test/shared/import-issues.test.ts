import { describe, expect, it } from 'vitest'
import {
  ImportError,
  ImportReasonCode,
  MAX_ISSUE_MESSAGE_CHARS,
  MAX_REPORTED_ISSUES,
  ProfileLimits,
  importIssuesOf,
  parseProfilesExport,
} from '../../electron/shared/profiles'

// Error amplification: a refused import once answered with every problem of every entry (237 MiB for a
// 9.5 MiB file). The answer lists the first problems and counts the rest.

function refusal(run: () => unknown): ImportError {
  try {
    run()
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected an import refusal')
}

describe('import problems reported', () => {
  it('lists the first problems, then "and M more", for a file where every entry is bad', () => {
    const entries = Array.from({ length: ProfileLimits.maxProfiles }, (_, n) => ({
      name: `p${n}`,
      colour: 'x',
    }))
    const text = JSON.stringify({ schemaVersion: 1, profiles: entries })
    const error = refusal(() => parseProfilesExport(text))
    const details = importIssuesOf(error.toInfo())!
    expect(details).toHaveLength(MAX_REPORTED_ISSUES + 1)
    expect(details[0]).toMatchObject({ entry: 1, name: 'p0' })
    const more = ProfileLimits.maxProfiles - MAX_REPORTED_ISSUES
    expect(details.at(-1)).toEqual({
      entry: null,
      reason: { code: ImportReasonCode.more, params: { count: more } },
      message: `And ${(ProfileLimits.maxProfiles - MAX_REPORTED_ISSUES).toLocaleString('en-US')} more problems.`,
    })
    expect(error.message).toMatch(/; and 4,995 more$/)
    expect(JSON.stringify(error.toInfo()).length).toBeLessThan(64 * 1024)
  })

  it('shortens a problem that quotes attacker-sized content', () => {
    const detail = `Unrecognized key: "${'k'.repeat(1_000_000)}"`
    const reason = { code: ImportReasonCode.fieldInvalid, params: { field: 'connection', detail } }
    const error = new ImportError([{ entry: 1, reason, message: `connection: ${detail}` }])
    expect(error.details[0]!.message.length).toBeLessThanOrEqual(MAX_ISSUE_MESSAGE_CHARS)
    expect(String(error.details[0]!.reason.params.detail).length).toBeLessThanOrEqual(MAX_ISSUE_MESSAGE_CHARS)
    expect(error.message.length).toBeLessThan(MAX_ISSUE_MESSAGE_CHARS + 100)
  })
})
