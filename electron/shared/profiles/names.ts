import { ProfileLimits } from './limits'

const NUMBERED = /^(.*?) \((\d+)\)$/

/**
 * `name` if it is free, else the first free "Name (2)", "Name (3)", … A name that already ends in " (n)"
 * counts on from n, so a copy of "Echo (2)" is "Echo (3)", not "Echo (2) (2)".
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const numbered = NUMBERED.exec(name)
  const base = numbered ? numbered[1]! : name
  let n = numbered ? Number(numbered[2]) + 1 : 2
  for (;;) {
    const suffix = ` (${n})`
    const candidate = base.slice(0, ProfileLimits.maxNameLength - suffix.length) + suffix
    if (!taken.has(candidate)) return candidate
    n++
  }
}
