import { encodePayload, type Captures, type PayloadError, type ReplyEncoding } from '../../../shared'

// The one adapter between auto-reply and reply templates. For now a reply is the payload codec's text or hex with
// `{{1}}`, `{{2}}` … standing for a regex's captures (inserted as UTF-8 text); the Templates module's
// compileTemplate (with its macros and checksums) takes this file's place, with the same shape.

export interface ReplyContext {
  /** Replies this session's rules have sent before, plus one. */
  counter: number
  /** `[n]` is what `{{n}}` inserts (see Captures: `[0]` is the whole match). */
  captures: Captures
}

export interface ReplyTemplate {
  expand(context: ReplyContext): Uint8Array<ArrayBuffer>
}

export type ReplyResult = { ok: true; template: ReplyTemplate } | { ok: false; error: PayloadError }

const CAPTURE = /\{\{(\d{1,2})\}\}/g
const utf8 = new TextEncoder()

/** Where the `index`-th character of `input` is, 1-based. */
function positionOf(input: string, index: number): { line: number; column: number } {
  const before = input.slice(0, index)
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') }
}

/** The index in `part` of a 1-based line and column. */
function indexIn(part: string, line: number, column: number): number {
  let start = 0
  for (let seen = 1; seen < line; seen++) start = part.indexOf('\n', start) + 1
  return start + column - 1
}

/** A codec error inside one literal part, moved to where that part sits in the whole reply. */
function relocate(reply: string, partStart: number, part: string, error: PayloadError): PayloadError {
  const { line, column } = positionOf(reply, partStart + indexIn(part, error.line, error.column))
  const problem = error.message.replace(/ at (line \d+, )?column \d+$/, '')
  const where = reply.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`
  return { ...error, message: `${problem} at ${where}`, line, column }
}

function concat(pieces: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0))
  let at = 0
  for (const piece of pieces) {
    bytes.set(piece, at)
    at += piece.length
  }
  return bytes
}

/** The reply's bytes per match, or where the reply text is wrong. */
export function compileReply(reply: string, encoding: ReplyEncoding): ReplyResult {
  /** Literal bytes, and between them the capture numbers. */
  const literals: Uint8Array[] = []
  const groups: number[] = []
  let start = 0
  for (const found of [...reply.matchAll(CAPTURE), undefined]) {
    const end = found?.index ?? reply.length
    const part = reply.slice(start, end)
    const encoded = encodePayload(part, encoding)
    if (!encoded.ok) return { ok: false, error: relocate(reply, start, part, encoded.error) }
    literals.push(encoded.bytes)
    if (found === undefined) break
    groups.push(Number(found[1]))
    start = end + found[0].length
  }
  if (groups.length === 0) {
    // The same bytes every time: nothing writes to a sent array, so one copy serves every reply.
    const fixed = concat(literals)
    return { ok: true, template: { expand: () => fixed } }
  }
  return {
    ok: true,
    template: {
      expand: ({ captures }) => {
        const pieces: Uint8Array[] = [literals[0]]
        groups.forEach((group, index) => pieces.push(utf8.encode(captures[group] ?? ''), literals[index + 1]))
        return concat(pieces)
      },
    },
  }
}
