import { z } from 'zod'
import { encodePayload } from '../codec/encode-payload'
import { indexOfBytes, utf8Length, utf8Text } from './byte-search'
import { exactPattern, firstMismatch, parseHexPattern, type HexPattern } from './hex-pattern'
import { PENDING, failed, passed, type Matcher, type Verdict } from './matcher'

// Every kind of expectation, in one registry: its YAML value, its label in results, and its matcher. Adding one
// is adding an entry here (the schema, the JSON schema, the runner and the docs test all read this table).

/** Substitutes `{{name}}` variables in a value written in the file; `escape` prepares each value (regex). */
export type Resolve = (text: string, escape?: (value: string) => string) => string

export interface ExpectationType<Value> {
  /** The value under the kind's key (`equals: TEXT`, `bytes: N`, …). */
  value: z.ZodType<Value>
  /** Other keys the map form takes beside the kind key and `timeout`. */
  options: z.ZodRawShape
  /** One line for --help-like listings and the JSON schema. */
  description: string
  /** Only for frames or datagrams: refused on a TCP target without framing. */
  needsMessages: boolean
  label(value: Value): string
  /** A problem with the value that can be seen before running (a bad regex or hex), or undefined. */
  check(value: Value, options: Readonly<Record<string, unknown>>): string | undefined
  /** The matcher for one run, with variables substituted; a string when the substituted value is invalid. */
  compile(value: Value, options: Readonly<Record<string, unknown>>, resolve: Resolve): Matcher | string
}

const quote = (text: string): string => JSON.stringify(text)

/** Escapes that do not decode are seen before running; `{{…}}` is left for the run to fill in. */
function textProblem(text: string): string | undefined {
  const bytes = textBytes(text)
  return typeof bytes === 'string' ? bytes : undefined
}

/** Text as the send steps read it: UTF-8 with the codec's escapes (\n \r \t \\ \0 \xHH). */
function textBytes(text: string): Uint8Array | string {
  const encoded = encodePayload(text, 'text')
  return encoded.ok ? encoded.bytes : encoded.error.message
}

/** What a failure names as expected; made only when one is reported (a passing loop never needs it). */
type Describe = () => string

const withWildcards = ({ bytes, mask }: HexPattern) =>
  mask === undefined ? { expected: bytes } : { expected: bytes, wildcards: mask }

/** The next bytes (stream) or the next message equal the pattern; a stream fails as soon as a byte differs. */
function patternMatcher(pattern: HexPattern, what: Describe): Matcher {
  const length = pattern.bytes.length
  const mismatch = (actual: Uint8Array): Verdict =>
    failed({ message: `expected ${what()}, received different bytes`, ...withWildcards(pattern), actual })
  return {
    check({ mode, data, closed }) {
      if (data === undefined)
        return closed ? failed({ message: `expected ${what()}, the peer closed` }) : PENDING
      if (mode === 'messages') {
        return firstMismatch(pattern, data) === -1 && data.length === length ? passed(1) : mismatch(data)
      }
      if (firstMismatch(pattern, data) !== -1) return mismatch(data.subarray(0, Math.max(length, 0)))
      if (data.length >= length) return passed(length)
      return closed ? mismatch(data) : PENDING
    },
    timedOut: (view, waitedMs) =>
      failed({
        message: `expected ${what()} within ${waitedMs} ms, received ${view.data?.length ?? 0} byte(s)`,
        ...withWildcards(pattern),
        actual: view.data ?? new Uint8Array(0),
      }),
  }
}

/** Waits until the stream (or the next message) satisfies `found`; the stream keeps growing until the timeout. */
function searchMatcher(
  what: string,
  found: (data: Uint8Array) => { end: number; captures?: Record<string, string> } | undefined,
): Matcher {
  const missing = (data: Uint8Array, why: string): Verdict =>
    failed({ message: `expected ${what}, ${why}`, actual: data })
  return {
    check({ mode, data, closed }) {
      if (data === undefined)
        return closed ? failed({ message: `expected ${what}, the peer closed` }) : PENDING
      const match = found(data)
      if (match !== undefined) return passed(mode === 'messages' ? 1 : match.end, match.captures)
      if (mode === 'messages') return missing(data, 'the next message does not match')
      return closed ? missing(data, 'the peer closed') : PENDING
    },
    timedOut: ({ data }, waitedMs) =>
      missing(data ?? new Uint8Array(0), `nothing matching arrived within ${waitedMs} ms`),
  }
}

const REGEX_FLAGS = /^[imsu]*$/

function makeRegExp(pattern: string, flags: unknown): RegExp | string {
  const given = typeof flags === 'string' ? flags : ''
  if (!REGEX_FLAGS.test(given)) return `regex flags may only be i, m, s and u, got '${given}'`
  try {
    return new RegExp(pattern, given)
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown)
  }
}

/** Numbered captures become variables "1", "2", …; named groups become variables of their name. */
function capturesOf(match: RegExpExecArray): Record<string, string> {
  const captures: Record<string, string> = {}
  match.slice(1).forEach((value, index) => (captures[String(index + 1)] = value ?? ''))
  for (const [name, value] of Object.entries(match.groups ?? {})) captures[name] = value ?? ''
  return captures
}

/** A value with `{{name}}` in it can only be judged once its variables are known, when the step runs. */
const hasPlaceholder = (text: string): boolean => text.includes('{{')

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const timeoutMsSchema = z.number().int().min(1).max(3_600_000)

function define<Value>(entry: ExpectationType<Value>): ExpectationType<Value> {
  return entry
}

export const expectationTypes = {
  equals: define({
    value: z.string(),
    options: {},
    description: 'the next bytes (or the next frame or datagram) equal TEXT exactly',
    needsMessages: false,
    label: (text) => `equals ${quote(text)}`,
    check: textProblem,
    compile(text, _options, resolve) {
      const resolved = resolve(text)
      const bytes = textBytes(resolved)
      return typeof bytes === 'string' ? bytes : patternMatcher(exactPattern(bytes), () => quote(resolved))
    },
  }),
  contains: define({
    value: z.string().min(1),
    options: {},
    description: 'TEXT arrives (a stream is read up to its end; a frame or datagram must hold it)',
    needsMessages: false,
    label: (text) => `contains ${quote(text)}`,
    check: textProblem,
    compile(text, _options, resolve) {
      const resolved = resolve(text)
      const needle = textBytes(resolved)
      if (typeof needle === 'string') return needle
      return searchMatcher(`text containing ${quote(resolved)}`, (data) => {
        const at = indexOfBytes(data, needle)
        return at === -1 ? undefined : { end: at + needle.length }
      })
    },
  }),
  regex: define({
    value: z.string().min(1),
    options: { flags: z.string().optional() },
    description: 'a regular expression matches the UTF-8 text received; captures become {{1}}… and {{name}}',
    needsMessages: false,
    label: (pattern) => `regex /${pattern}/`,
    check(pattern, { flags }) {
      if (hasPlaceholder(pattern)) return undefined
      const made = makeRegExp(pattern, flags)
      return typeof made === 'string' ? `invalid regex: ${made}` : undefined
    },
    compile(pattern, { flags }, resolve) {
      const regex = makeRegExp(resolve(pattern, escapeRegExp), flags)
      if (typeof regex === 'string') return `invalid regex: ${regex}`
      return searchMatcher(`text matching /${regex.source}/`, (data) => {
        const text = utf8Text(data)
        const match = regex.exec(text)
        if (match === null) return undefined
        return { end: utf8Length(text, match.index + match[0].length), captures: capturesOf(match) }
      })
    },
  }),
  hex: define({
    value: z.string().min(1),
    options: {},
    description: 'the next bytes (or frame or datagram) equal HEX; ?? matches any byte',
    needsMessages: false,
    label: (hex) => `hex ${hex}`,
    check(hex) {
      if (hasPlaceholder(hex)) return undefined
      const pattern = parseHexPattern(hex)
      return typeof pattern === 'string' ? pattern : undefined
    },
    compile(hex, _options, resolve) {
      const resolved = resolve(hex)
      const pattern = parseHexPattern(resolved)
      return typeof pattern === 'string' ? pattern : patternMatcher(pattern, () => `hex ${resolved}`)
    },
  }),
  bytes: define({
    value: z
      .number()
      .int()
      .min(1)
      .max(16 * 1024 * 1024),
    options: {},
    description: 'N bytes arrive (a frame or datagram must be N bytes long)',
    needsMessages: false,
    label: (count) => `${count} bytes`,
    check: () => undefined,
    compile: (count) => ({
      check({ mode, data, closed }) {
        if (data === undefined)
          return closed ? failed({ message: `expected ${count} bytes, the peer closed` }) : PENDING
        if (mode === 'messages')
          return data.length === count
            ? passed(1)
            : failed({
                message: `expected a message of ${count} bytes, received ${data.length}`,
                actual: data,
              })
        if (data.length >= count) return passed(count)
        return closed
          ? failed({ message: `expected ${count} bytes, the peer closed after ${data.length}`, actual: data })
          : PENDING
      },
      timedOut: ({ data }, waitedMs) =>
        failed({
          message: `expected ${count} bytes within ${waitedMs} ms, received ${data?.length ?? 0}`,
          actual: data ?? new Uint8Array(0),
        }),
    }),
  }),
  frame: define({
    value: z.literal(true),
    options: {},
    description: 'any one frame (framing on) or datagram arrives',
    needsMessages: true,
    label: () => 'a frame',
    check: () => undefined,
    compile: () => ({
      check: ({ data, closed }) =>
        data !== undefined
          ? passed(1)
          : closed
            ? failed({ message: 'expected a frame, the peer closed' })
            : PENDING,
      timedOut: (_view, waitedMs) =>
        failed({ message: `expected a frame within ${waitedMs} ms, none arrived` }),
    }),
  }),
  closed: define({
    value: z.literal(true),
    options: {},
    description: 'the peer closes (or ends) its side',
    needsMessages: false,
    label: () => 'closed by peer',
    check: () => undefined,
    compile: () => ({
      check: ({ closed }) => (closed ? passed(0) : PENDING),
      timedOut: ({ data }, waitedMs) =>
        failed({
          message: `expected the peer to close within ${waitedMs} ms, it did not`,
          ...(data === undefined || data.length === 0 ? {} : { actual: data }),
        }),
    }),
  }),
  silence: define({
    value: timeoutMsSchema,
    options: {},
    description: 'nothing arrives for MS milliseconds',
    needsMessages: false,
    label: (ms) => `silence for ${ms} ms`,
    check: () => undefined,
    compile: (ms) => ({
      ownWaitMs: ms,
      check: ({ data }) =>
        data === undefined || data.length === 0
          ? PENDING
          : failed({
              message: `expected silence for ${ms} ms, received ${data.length} byte(s)`,
              actual: data,
            }),
      timedOut: () => passed(0),
    }),
  }),
} as const

export type ExpectationKind = keyof typeof expectationTypes

export const expectationKinds = Object.keys(expectationTypes) as ExpectationKind[]

/** The entry of a kind with its value type erased: callers pass the value the schema parsed for that kind. */
export const expectationTypeOf = (kind: ExpectationKind): ExpectationType<unknown> =>
  expectationTypes[kind] as unknown as ExpectationType<unknown>

export { timeoutMsSchema }
