import { ImportError, importIssue, type ImportIssue } from './errors'
import { ImportReasonCode, type ImportReason } from './import-reasons'
import { entryName } from './issues'
import { ProfileLimits } from './limits'
import { upgradeDocument } from './migrate'
import { profileSchema, type Profile } from './schema'
import { zodReason } from './zod-reason'

/** The text without a leading UTF-8 byte order mark (Windows editors write one; JSON.parse refuses it). */
export const withoutByteOrderMark = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text

/** Parses JSON text (a byte order mark allowed), turning a syntax error into an import refusal that says so. */
export function parseImportJson(text: string): unknown {
  try {
    return JSON.parse(withoutByteOrderMark(text)) as unknown
  } catch {
    throw fileRefused({ code: ImportReasonCode.notJson, params: {} })
  }
}

/** A refusal of the file as a whole, for one reason. */
const fileRefused = (reason: ImportReason): ImportError => new ImportError([importIssue(null, reason)])

/**
 * Reads a profiles export (ours, any known version). Every entry is validated with the shared schema;
 * any problem refuses the whole file, listing every bad entry.
 */
export function parseProfilesExport(text: string): Profile[] {
  const shape = upgradeDocument(parseImportJson(text))
  if (shape.kind === 'newer') {
    throw fileRefused({ code: ImportReasonCode.newerVersion, params: { version: shape.fromVersion } })
  }
  if (shape.kind === 'unknown' || !Array.isArray(shape.document.profiles)) {
    throw fileRefused({ code: ImportReasonCode.notOurExport, params: {} })
  }
  const entries: unknown[] = shape.document.profiles
  if (entries.length === 0) throw fileRefused({ code: ImportReasonCode.noProfiles, params: {} })
  if (entries.length > ProfileLimits.maxProfiles) {
    throw fileRefused({ code: ImportReasonCode.tooManyProfiles, params: { max: ProfileLimits.maxProfiles } })
  }
  const issues: ImportIssue[] = []
  const profiles: Profile[] = []
  entries.forEach((entry, index) => {
    const parsed = profileSchema.safeParse(entry, { reportInput: true })
    if (parsed.success) profiles.push(parsed.data)
    else issues.push(importIssue(index + 1, zodReason(parsed.error), entryName(entry)))
  })
  if (issues.length > 0) throw new ImportError(issues)
  return profiles
}
