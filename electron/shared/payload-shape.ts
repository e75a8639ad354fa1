// A cheap structural gate run before schema parsing. zod walks every own key of an object it is given, and a
// typed array handed where an object belongs has one key per byte: a 16 MiB one costs seconds of CPU in the
// process that owns the sockets. So shapes are checked first, in time bounded by the caps below. Every value
// counts, primitives too: an object of a million keys is a million values for zod, and its keys are never echoed
// at length.

const MAX_DEPTH = 8
const MAX_NODES = 50_000
/** The only key under which a request may carry bytes (SendRequest.data). */
const BYTES_KEY = 'data'
const MAX_QUOTED_KEY = 40

const quoted = (key: string): string =>
  JSON.stringify(key.length > MAX_QUOTED_KEY ? `${key.slice(0, MAX_QUOTED_KEY)}…` : key)

function isPlainRecord(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Why the payload cannot be a request, or undefined when its shape is plain data. */
export function payloadShapeProblem(payload: unknown): string | undefined {
  let nodes = 0
  const visit = (value: unknown, key: string, depth: number): string | undefined => {
    if (++nodes > MAX_NODES) return `more than ${MAX_NODES} values`
    if (value === null || typeof value !== 'object') return undefined
    if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`
    if (value instanceof Uint8Array)
      return key === BYTES_KEY ? undefined : `bytes are not allowed at ${quoted(key)}`
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = visit(item, key, depth + 1)
        if (problem) return problem
      }
      return undefined
    }
    if (!isPlainRecord(value)) return `${quoted(key)} is not plain data`
    // for…in, not Object.entries: no array of a million pairs is built before the count stops the walk.
    for (const childKey in value) {
      const problem = visit((value as Record<string, unknown>)[childKey], childKey, depth + 1)
      if (problem) return problem
    }
    return undefined
  }
  return visit(payload, 'request', 0)
}
