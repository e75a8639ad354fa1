import { encodeText } from '../codec/text-escapes'
import { ImportReasonCode, type ImportReasonParams } from '../profiles/import-reasons'
import { bytesAt, indexOfBytes } from './bytes'
import { parseHexPattern, startsWithPattern } from './hex-pattern'

// The match types of auto-reply rules: one entry each, the one place to add one (the schema's enum, the CLI's
// `--reply TYPE:…` prefixes and the UI's choices all come from here; a test fails when an entry is incomplete).
// The type names are the CLI's prefixes. Text types compare bytes: the match text is read with the payload
// codec's escapes (`\r\n`, `\x00`), so "Contains \x02" finds an STX byte.

/**
 * What a match found: `[0]` the matched text and `[n]` the regex's group n, as RegExp.exec gives them (a group
 * that took no part is ''); the reply's `{{1}}`, `{{2}}` … stand for `[1]`, `[2]` …. Other types capture nothing.
 */
export type Captures = readonly string[]

/** A compiled match: the captures when `data` matches, else undefined. */
export type Matcher = (data: Uint8Array) => Captures | undefined

/**
 * Runs a user's regex over text. The engine passes one with a time budget (a pattern can backtrack for ages);
 * the default runs it directly, for the renderer and tests.
 */
export type RegexRunner = (regex: RegExp, text: string) => RegExpExecArray | null

export const runRegexDirectly: RegexRunner = (regex, text) => regex.exec(text)

/** A regex sees at most this much of a message (the first bytes, decoded as UTF-8): its work stays bounded. */
export const MAX_REGEX_INPUT_BYTES = 64 * 1024

export interface MatchTypeEntry {
  /** The matcher for the rule's match text, or why the text cannot be used. */
  compile(match: string, runRegex: RegexRunner): Matcher | string
  /** Why `match` was refused (`message` is what compile said), as an import reason's code and values. */
  refusal(match: string, message: string): ImportReasonParams
  /**
   * A match text with a message it matches (and its captures) and one it does not, and a match text it refuses:
   * the completeness test runs them.
   */
  example: { match: string; hit: Uint8Array; captures: Captures; miss: Uint8Array; refused: string }
}

const NO_CAPTURES: Captures = Object.freeze([])
const utf8 = new TextEncoder()
const textDecoder = new TextDecoder()
const bytesOf = (text: string): Uint8Array => utf8.encode(text)

/** A text match type: the match text's bytes, and how they must sit in the message. */
function textType(test: (data: Uint8Array, bytes: Uint8Array) => boolean) {
  return (match: string): Matcher | string => {
    const encoded = encodeText(match)
    if (!encoded.ok) return encoded.error.message
    const { bytes } = encoded
    return (data) => (test(data, bytes) ? NO_CAPTURES : undefined)
  }
}

/** Text types refuse only what the payload codec cannot read: it says where. */
function textRefusal(match: string, message: string): ImportReasonParams {
  const encoded = encodeText(match)
  const where: ImportReasonParams = encoded.ok
    ? {}
    : { line: encoded.error.line, column: encoded.error.column }
  return { reason: ImportReasonCode.badEscape, ...where, detail: message }
}

function compileRegex(match: string, runRegex: RegexRunner): Matcher | string {
  let regex: RegExp
  try {
    regex = new RegExp(match)
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown)
  }
  return (data) => {
    const bounded = data.length > MAX_REGEX_INPUT_BYTES ? data.subarray(0, MAX_REGEX_INPUT_BYTES) : data
    const found = runRegex(regex, textDecoder.decode(bounded))
    return found === null ? undefined : Array.from(found, (group) => group ?? '')
  }
}

function compileHex(match: string): Matcher | string {
  const pattern = parseHexPattern(match)
  if (typeof pattern === 'string') return pattern
  return (data) => (startsWithPattern(data, pattern) ? NO_CAPTURES : undefined)
}

export const matchTypes = {
  exact: {
    compile: textType((data, bytes) => data.length === bytes.length && bytesAt(data, bytes, 0)),
    refusal: textRefusal,
    example: {
      match: 'PING\\r\\n',
      hit: bytesOf('PING\r\n'),
      captures: [],
      miss: bytesOf('PING\r\n!'),
      refused: '\\q',
    },
  },
  prefix: {
    compile: textType((data, bytes) => bytesAt(data, bytes, 0)),
    refusal: textRefusal,
    example: {
      match: 'GET ',
      hit: bytesOf('GET /x'),
      captures: [],
      miss: bytesOf('PUT /x'),
      refused: '\\x4',
    },
  },
  contains: {
    compile: textType((data, bytes) => indexOfBytes(data, bytes) !== -1),
    refusal: textRefusal,
    example: {
      match: 'ping',
      hit: bytesOf('a ping!'),
      captures: [],
      miss: bytesOf('a pong!'),
      refused: '\\',
    },
  },
  suffix: {
    compile: textType((data, bytes) => bytesAt(data, bytes, data.length - bytes.length)),
    refusal: textRefusal,
    example: {
      match: '\\x03',
      hit: Uint8Array.of(0x02, 0x41, 0x03),
      captures: [],
      miss: Uint8Array.of(0x03, 0x41),
      refused: '\\xZZ',
    },
  },
  regex: {
    compile: compileRegex,
    refusal: (_, message) => ({ reason: ImportReasonCode.badRegex, detail: message }),
    example: {
      match: 'SET (\\w+)=(\\d+)?',
      hit: bytesOf('SET speed=\r\n'),
      captures: ['SET speed=', 'speed', ''],
      miss: bytesOf('GET speed'),
      refused: '(unclosed',
    },
  },
  hex: {
    compile: compileHex,
    refusal: (_, message) => ({ reason: ImportReasonCode.badHexPattern, detail: message }),
    example: {
      match: '01 03 ?? 00',
      hit: Uint8Array.of(0x01, 0x03, 0x7f, 0x00, 0x0a),
      captures: [],
      miss: Uint8Array.of(0x01, 0x04, 0x7f, 0x00),
      refused: '01 zz',
    },
  },
} as const satisfies Record<string, MatchTypeEntry>

export type MatchType = keyof typeof matchTypes

export const matchTypeNames = Object.keys(matchTypes) as [MatchType, ...MatchType[]]

/** The matcher for `match` read as `type`, or why it cannot be used. */
export const compileMatch = (
  type: MatchType,
  match: string,
  runRegex: RegexRunner = runRegexDirectly,
): Matcher | string => (matchTypes[type] as MatchTypeEntry).compile(match, runRegex)

/** Why `match` read as `type` was refused (`message` is what compileMatch said), as an import reason. */
export const matchRefusal = (type: MatchType, match: string, message: string): ImportReasonParams =>
  (matchTypes[type] as MatchTypeEntry).refusal(match, message)
