import type { z } from 'zod'

/** One plain sentence for the first problem zod found, naming the field (`connection.port: …`). */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'Invalid value'
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  return `${where}${issue.message}`
}

/** The `name` of an entry, when it has a usable one, so an error can say which entry it means. */
export function entryName(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return undefined
  const name = (entry as Record<string, unknown>).name
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 100) : undefined
}
