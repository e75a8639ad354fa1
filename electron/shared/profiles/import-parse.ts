import { ImportError, type ImportIssue } from './errors'
import { describeZodError, entryName } from './issues'
import { ProfileLimits } from './limits'
import { upgradeDocument } from './migrate'
import { profileSchema, type Profile } from './schema'

/** The text without a leading UTF-8 byte order mark (Windows editors write one; JSON.parse refuses it). */
export const withoutByteOrderMark = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text

/** Parses JSON text (a byte order mark allowed), turning a syntax error into an import refusal that says so. */
export function parseImportJson(text: string): unknown {
  try {
    return JSON.parse(withoutByteOrderMark(text)) as unknown
  } catch {
    throw new ImportError([{ entry: null, message: 'The file is not valid JSON.' }])
  }
}

/**
 * Reads a profiles export (ours, any known version). Every entry is validated with the shared schema;
 * any problem refuses the whole file, listing every bad entry.
 */
export function parseProfilesExport(text: string): Profile[] {
  const shape = upgradeDocument(parseImportJson(text))
  if (shape.kind === 'newer') {
    throw new ImportError([
      { entry: null, message: `The file was written by a newer version (format ${shape.fromVersion}).` },
    ])
  }
  if (shape.kind === 'unknown' || !Array.isArray(shape.document.profiles)) {
    throw new ImportError([{ entry: null, message: 'The file is not a Socket Workbench profiles export.' }])
  }
  const entries: unknown[] = shape.document.profiles
  if (entries.length === 0)
    throw new ImportError([{ entry: null, message: 'The file contains no profiles.' }])
  if (entries.length > ProfileLimits.maxProfiles) {
    throw new ImportError([
      { entry: null, message: `The file has more than ${ProfileLimits.maxProfiles} profiles.` },
    ])
  }
  const issues: ImportIssue[] = []
  const profiles: Profile[] = []
  entries.forEach((entry, index) => {
    const parsed = profileSchema.safeParse(entry)
    if (parsed.success) profiles.push(parsed.data)
    else issues.push({ entry: index + 1, name: entryName(entry), message: describeZodError(parsed.error) })
  })
  if (issues.length > 0) throw new ImportError(issues)
  return profiles
}
