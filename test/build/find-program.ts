import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The first of `names` found on PATH (with Windows' executable extensions), or null. */
export function findProgram(names: readonly string[]): string | null {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      for (const extension of extensions) {
        const candidate = join(dir, name + extension)
        if (existsSync(candidate)) return candidate
      }
    }
  }
  return null
}
