import { join } from 'node:path'
import { CodedError, OwnErrorCode } from '../../shared'
import { errorCodeOf, type ProfileFileSystem } from './file-system'
import type { ProfilePaths } from './profile-paths'

let tempCounter = 0

function tempName(paths: ProfilePaths, label: string): string {
  tempCounter += 1
  return join(paths.dir, `${paths.tempPrefix}${label}${process.pid}-${tempCounter}`)
}

async function removeQuietly(fs: ProfileFileSystem, path: string): Promise<void> {
  try {
    await fs.unlink(path)
  } catch {
    // Best effort: a leftover temp file is harmless and removed on the next load.
  }
}

const missing = (error: unknown): boolean => errorCodeOf(error) === 'ENOENT'

/** Links (or, where links are not supported, copies) the current file to `staged`; false when there is none. */
async function stageCurrentFile(
  fs: ProfileFileSystem,
  paths: ProfilePaths,
  staged: string,
): Promise<boolean> {
  try {
    await fs.link(paths.file, staged)
    return true
  } catch (error) {
    if (missing(error)) return false
  }
  try {
    await fs.copyNew(paths.file, staged)
    return true
  } catch (error) {
    if (missing(error)) return false
    throw error
  }
}

/**
 * Points the backup at the current file before it is replaced. A hard link costs nothing, and the backup
 * is swapped in by rename so it is never missing. Without a current file (first save, or it was set
 * aside as corrupt) the old backup stays.
 */
async function keepBackup(fs: ProfileFileSystem, paths: ProfilePaths): Promise<void> {
  const staged = tempName(paths, 'bak-')
  if (await stageCurrentFile(fs, paths, staged)) await fs.rename(staged, paths.backup)
}

/**
 * Replaces the profiles file so that, whatever moment the process dies, the file is the old or the new
 * text, never a mix: temp file in the same folder, fsync, backup, rename over, fsync the folder.
 */
export async function writeProfilesFile(
  fs: ProfileFileSystem,
  paths: ProfilePaths,
  text: string,
): Promise<void> {
  const temp = tempName(paths, '')
  try {
    await fs.mkdirp(paths.dir)
    await fs.writeNewSynced(temp, text)
    await keepBackup(fs, paths)
    await fs.rename(temp, paths.file)
  } catch (error) {
    await removeQuietly(fs, temp)
    const code = errorCodeOf(error) ?? OwnErrorCode.internal
    throw new CodedError(code, `The profiles file could not be saved (${code}); nothing was changed.`)
  }
  try {
    await fs.syncDirectory(paths.dir)
  } catch {
    // The new file is in place and its data flushed; some file systems cannot flush a folder (EINVAL).
  }
}
