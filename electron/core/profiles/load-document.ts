import { basename, join } from 'node:path'
import {
  PROFILES_SCHEMA_VERSION,
  describeZodError,
  emptyProfilesDocument,
  withoutByteOrderMark,
  profilesDocumentSchema,
  upgradeDocument,
  type LoadNotice,
  type ProfilesDocument,
} from '../../shared/profiles'
import { errorCodeOf, type ProfileFileSystem } from './file-system'
import { asideName, type ProfilePaths } from './profile-paths'

export interface LoadedDocument {
  document: ProfilesDocument
  notice: LoadNotice | null
  /** The document differs from the file (migrated or restored) and should be written now. */
  persist: boolean
  /** The file on disk cannot be replaced safely: every change is refused. */
  readOnly: boolean
}

type Source =
  | { state: 'missing' }
  | { state: 'ok'; document: ProfilesDocument; fromVersion: number }
  | { state: 'newer'; fromVersion: number }
  | { state: 'bad'; reason: string }

async function readSource(fs: ProfileFileSystem, path: string): Promise<Source> {
  let text: string
  try {
    text = await fs.readText(path)
  } catch (error) {
    const code = errorCodeOf(error)
    return code === 'ENOENT'
      ? { state: 'missing' }
      : { state: 'bad', reason: `it could not be read, ${code ?? 'unknown error'}` }
  }
  // Editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it.
  text = withoutByteOrderMark(text)
  if (text.trim() === '') return { state: 'bad', reason: 'it is empty' }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { state: 'bad', reason: 'it is not valid JSON, perhaps cut short' }
  }
  const shape = upgradeDocument(raw)
  if (shape.kind === 'newer') return { state: 'newer', fromVersion: shape.fromVersion }
  if (shape.kind === 'unknown') return { state: 'bad', reason: 'it is not a profiles file' }
  const parsed = profilesDocumentSchema.safeParse({
    schemaVersion: PROFILES_SCHEMA_VERSION,
    ...shape.document,
  })
  if (!parsed.success)
    return { state: 'bad', reason: `it has an invalid entry, ${describeZodError(parsed.error)}` }
  return { state: 'ok', document: parsed.data, fromVersion: shape.fromVersion }
}

/** Removes temp files a crashed save left behind: they were never the saved state. */
async function removeStaleTemps(fs: ProfileFileSystem, paths: ProfilePaths): Promise<Set<string>> {
  let names: string[]
  try {
    names = await fs.readdir(paths.dir)
  } catch {
    return new Set() // no data folder yet: nothing to clean
  }
  for (const name of names.filter((entry) => entry.startsWith(paths.tempPrefix))) {
    try {
      await fs.unlink(join(paths.dir, name))
    } catch {
      // Best effort: a temp file that stays is still never read as the profiles file.
    }
  }
  return new Set(names)
}

const readOnly = (message: string, document = emptyProfilesDocument()): LoadedDocument => ({
  document,
  notice: { kind: 'read-only', message, keptFiles: [] },
  persist: false,
  readOnly: true,
})

const newerMessage = (version: number): string =>
  `Your profiles file was written by a newer version of Socket Workbench (format ${version}). ` +
  'It was left untouched, and changes made here will not be saved.'

async function fromBackup(
  fs: ProfileFileSystem,
  paths: ProfilePaths,
  names: Set<string>,
  now: Date,
  problem: { reason: string; keptAs: string } | null,
): Promise<LoadedDocument> {
  const backup = await readSource(fs, paths.backup)
  if (backup.state === 'ok') {
    const message = problem
      ? `Your profiles file could not be used (${problem.reason}). It was kept as ${basename(problem.keptAs)}, and ` +
        'the backup was loaded instead; the most recent change may be missing.'
      : 'Your profiles file was missing, so its backup was loaded; the most recent change may be missing.'
    const keptFiles = problem ? [problem.keptAs] : []
    return {
      document: backup.document,
      notice: { kind: 'restored-from-backup', message, keptFiles },
      persist: true,
      readOnly: false,
    }
  }
  if (backup.state === 'newer') return readOnly(newerMessage(backup.fromVersion))
  if (backup.state === 'missing' && problem === null) {
    return { document: emptyProfilesDocument(), notice: null, persist: false, readOnly: false }
  }
  const keptFiles = problem ? [problem.keptAs] : []
  if (backup.state === 'bad') {
    const backupAside = asideName(paths.backup, 'corrupt', now, names)
    try {
      await fs.rename(paths.backup, backupAside)
      keptFiles.push(backupAside)
    } catch {
      keptFiles.push(paths.backup) // left where it is, and still kept
    }
  }
  const message =
    `Your profiles file could not be used (${problem?.reason ?? 'it is missing'}) and there is no usable backup. ` +
    `Starting with no profiles; nothing was deleted${keptFiles.length > 0 ? `, the files were kept as ${keptFiles.map((path) => basename(path)).join(' and ')}` : ''}.`
  return {
    document: emptyProfilesDocument(),
    notice: { kind: 'started-empty', message, keptFiles },
    persist: false,
    readOnly: false,
  }
}

/**
 * Reads the profiles file, never losing one: an unusable file is moved aside (kept) and the backup loaded,
 * an older format is upgraded with the original kept, a newer one is left untouched and made read-only.
 */
export async function loadProfilesDocument(
  fs: ProfileFileSystem,
  paths: ProfilePaths,
  now: Date,
): Promise<LoadedDocument> {
  const names = await removeStaleTemps(fs, paths)
  const main = await readSource(fs, paths.file)
  switch (main.state) {
    case 'missing':
      return fromBackup(fs, paths, names, now, null)
    case 'newer':
      return readOnly(newerMessage(main.fromVersion))
    case 'bad': {
      const keptAs = asideName(paths.file, 'corrupt', now, names)
      try {
        await fs.rename(paths.file, keptAs)
      } catch (error) {
        return readOnly(
          `Your profiles file could not be used (${main.reason}) nor moved aside (${errorCodeOf(error) ?? 'unknown error'}). ` +
            'It was left untouched, and changes made here will not be saved.',
        )
      }
      return fromBackup(fs, paths, names, now, { reason: main.reason, keptAs })
    }
    case 'ok': {
      if (main.fromVersion === PROFILES_SCHEMA_VERSION) {
        return { document: main.document, notice: null, persist: false, readOnly: false }
      }
      const keptAs = asideName(paths.file, `v${main.fromVersion}`, now, names)
      try {
        await fs.copyNew(paths.file, keptAs)
      } catch (error) {
        return readOnly(
          `Your profiles file is in an older format and a copy of it could not be kept (${errorCodeOf(error) ?? 'unknown error'}). ` +
            'It was left untouched, and changes made here will not be saved.',
          main.document,
        )
      }
      const message = `Your profiles were upgraded from an older format. The original file was kept as ${basename(keptAs)}.`
      return {
        document: main.document,
        notice: { kind: 'migrated', message, keptFiles: [keptAs] },
        persist: true,
        readOnly: false,
      }
    }
  }
}
