import { basename, dirname, join } from 'node:path'

export const PROFILES_FILE_NAME = 'profiles.json'

/** Every file the store touches, derived from the data folder. */
export interface ProfilePaths {
  dir: string
  file: string
  backup: string
  /** Prefix of in-flight temp files; a crash can leave one behind, removed on the next load. */
  tempPrefix: string
}

export function profilePaths(dataDir: string): ProfilePaths {
  const file = join(dataDir, PROFILES_FILE_NAME)
  return { dir: dataDir, file, backup: `${file}.bak`, tempPrefix: `${PROFILES_FILE_NAME}.tmp-` }
}

/** `<file>.<label>-<timestamp>` not yet in `existing`: where a file is set aside (and kept) for the user. */
export function asideName(file: string, label: string, now: Date, existing: ReadonlySet<string>): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const base = `${basename(file)}.${label}-${stamp}`
  let name = base
  for (let n = 2; existing.has(name); n++) name = `${base}-${n}`
  return join(dirname(file), name)
}
