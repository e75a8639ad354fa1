import { constants } from 'node:fs'
import { copyFile, link, mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises'

/** The file operations the profile store needs; tests swap one out to inject a fault. */
export interface ProfileFileSystem {
  readText(path: string): Promise<string>
  /** Creates `path` (never replacing one), writes `text` and flushes it to disk before resolving. */
  writeNewSynced(path: string, text: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  link(existing: string, newPath: string): Promise<void>
  /** Copies without replacing an existing target. */
  copyNew(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  readdir(path: string): Promise<string[]>
  mkdirp(path: string): Promise<void>
  /** Flushes a directory so renames inside it survive a power loss. */
  syncDirectory(path: string): Promise<void>
}

export const nodeFileSystem: ProfileFileSystem = {
  readText: (path) => readFile(path, 'utf8'),
  async writeNewSynced(path, text) {
    const handle = await open(path, 'wx', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename,
  link,
  copyNew: (from, to) => copyFile(from, to, constants.COPYFILE_EXCL),
  unlink,
  readdir: (path) => readdir(path),
  mkdirp: async (path) => {
    await mkdir(path, { recursive: true })
  },
  async syncDirectory(path) {
    // Windows cannot open a directory for fsync; NTFS renames are journalled, so there is nothing to do.
    if (process.platform === 'win32') return
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
}

export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
    ? (error as NodeJS.ErrnoException).code
    : undefined
}
