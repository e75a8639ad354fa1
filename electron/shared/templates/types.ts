import type { PayloadEncoding, PayloadError } from '../codec/types'

/** What one expansion may differ by: the session's send counter, a rule's regex captures, the clock. */
export interface ExpandContext {
  /** `{{counter}}`: 1 for a session's first expanded send, then 2, 3, … */
  counter: number
  /** `{{N}}` inserts `captures[N]` as UTF-8 text, so a RegExpExecArray fits as it is (`{{0}}` the whole match). */
  captures?: readonly (string | undefined)[]
  /** Epoch milliseconds for `{{time}}` and `{{unixtime}}`; default Date.now(). */
  now?: number
}

/** A template parsed once; each expand() gives the bytes of one send. Never throws. */
export interface CompiledTemplate {
  expand(context: ExpandContext): Uint8Array<ArrayBuffer>
  /** False when every expansion gives the same bytes (no macros): callers may encode once. */
  readonly dynamic: boolean
}

export type TemplateResult = { ok: true; template: CompiledTemplate } | { ok: false; error: PayloadError }

/** One step of a compiled plan, run in order by expand(). */
export type TemplateStep =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'value'; render: (context: ExpandContext) => Uint8Array }
  /** Writes `size` bytes at `out[at]` computed over `covered` (the bytes since the last `{{begin}}`). */
  | { kind: 'checksum'; size: number; write: (covered: Uint8Array, out: Uint8Array, at: number) => void }
  /** `{{begin}}`: checksums after it cover only the bytes after it. */
  | { kind: 'begin' }

/** A worked example of a macro: the registry test expands it, the README shows it. */
export interface MacroExample {
  input: string
  encoding: PayloadEncoding
  context: ExpandContext
  /** The expansion as lower-case hex pairs (`01 03 c5 cd`), or a pattern its UTF-8 text must match. */
  expect: string | RegExp
}

/** One macro: `{{name}}` or, for fields, `{{name:V}}`. */
export interface MacroDefinition {
  /** One line for the README and the UI's help. */
  summary: string
  /** 'none': `{{name}}` only; 'value': `{{name:V}}`, V a number or `counter`. */
  argument: 'none' | 'value'
  /** The step for this use of the macro, or why its argument is wrong. */
  compile(argument: string | undefined): TemplateStep | { problem: string }
  example: MacroExample
}
