import type { z } from 'zod'
import type { DataPath } from './source-position'

// zod's issues in the words of a sequence file's author. Unions (a step, an expectation) are explained by the
// one kind key the author wrote: its own problems are reported, not every other kind's "missing key".

export interface PathIssue {
  path: DataPath
  /** Set when the issue is about a key of the map at `path` rather than its value. */
  key?: string
  message: string
}

type Issue = z.core.$ZodIssue

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function valueAt(root: unknown, path: DataPath): unknown {
  let value = root
  for (const step of path)
    value = isMap(value) || Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined
  return value
}

/** The key an option of a keyed union requires: the one it reports missing (of any type) on this input. */
function missingKey(errors: readonly Issue[], value: unknown): string | undefined {
  for (const issue of errors) {
    const [key] = issue.path
    if (issue.path.length === 1 && typeof key === 'string' && (!isMap(value) || value[key] === undefined))
      return key
  }
  return undefined
}

/** Which keys name the options of the union at a path (steps, expectations); the parser knows. */
export type UnionKinds = (path: DataPath) => readonly string[] | undefined

function explainUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: DataPath,
  root: unknown,
  kindsAt: UnionKinds,
): PathIssue[] {
  const value = valueAt(root, path)
  const kinds = kindsAt(path) ?? []
  const oneOf = `one of ${kinds.join(', ')}`
  if (!isMap(value)) {
    const takesText = issue.errors.some(
      (errors) =>
        errors.length === 1 &&
        errors[0]!.path.length === 0 &&
        errors[0]!.code === 'invalid_type' &&
        errors[0]!.expected === 'string',
    )
    return [{ path, message: `expected ${takesText ? 'text or ' : ''}a map with ${oneOf}` }]
  }
  const present = Object.keys(value).filter((key) => kinds.includes(key))
  if (present.length > 1)
    return [
      {
        path,
        key: present[1],
        message: `'${present[0]}' and '${present[1]}' cannot share one map; write one of them`,
      },
    ]
  if (present.length === 0) {
    const unknown = Object.keys(value)[0]
    return [
      {
        path,
        ...(unknown === undefined ? {} : { key: unknown }),
        message: `${unknown === undefined ? 'nothing to do here' : `unknown key '${unknown}'`}; write ${oneOf}`,
      },
    ]
  }
  const [kind] = present as [string]
  const knowsKind = (errors: readonly Issue[]): boolean =>
    missingKey(errors, value) === undefined &&
    !errors.some((error) => error.path.length === 0 && error.code === 'invalid_type') &&
    !errors.some(
      (error) => error.code === 'unrecognized_keys' && error.path.length === 0 && error.keys.includes(kind),
    )
  const chosen = issue.errors.find(knowsKind)
  return chosen === undefined
    ? [{ path, message: `'${kind}' is not valid here` }]
    : explain(chosen, root, kindsAt, path)
}

function describe(issue: Issue, path: DataPath): string {
  const last = path[path.length - 1]
  const where = typeof last === 'string' ? `'${last}': ` : ''
  // YAML reads `hex: 010203` or `send: 42` as a number: the author meant text.
  const quoteIt = issue.code === 'invalid_type' && issue.expected === 'string' ? ' (put it in quotes)' : ''
  return `${where}${issue.message.replace(/^Invalid input: /, '')}${quoteIt}`
}

/** zod issues (paths relative to `base`) as positioned messages, unions narrowed to what the author meant. */
export function explain(
  issues: readonly Issue[],
  root: unknown,
  kindsAt: UnionKinds = () => undefined,
  base: DataPath = [],
): PathIssue[] {
  return issues.flatMap((issue): PathIssue[] => {
    const path = [...base, ...(issue.path as Array<string | number>)]
    if (issue.code === 'invalid_union') return explainUnion(issue, path, root, kindsAt)
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path, key, message: `unknown key '${key}'` }))
    if (issue.code === 'invalid_type' && valueAt(root, path) === undefined) {
      const key = path[path.length - 1]
      return [{ path: path.slice(0, -1), message: `'${String(key)}' is missing` }]
    }
    return [{ path, message: describe(issue, path) }]
  })
}
