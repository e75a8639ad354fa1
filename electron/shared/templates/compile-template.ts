import { encodePayload } from '../codec/encode-payload'
import { payloadFailure } from '../codec/position'
import type { LineEnding, PayloadEncoding, PayloadError } from '../codec/types'
import { macroRegistry } from './macros'
import { scanTemplate } from './scan'
import type { CompiledTemplate, ExpandContext, TemplateResult, TemplateStep } from './types'

// A template is parsed once into a plan of steps (constant bytes, values made per send, checksums, begin marks)
// and expanded per send. The literal text between macros is encoded by the payload codec exactly as a send
// without macros would be, so `\x7b\x7b` sends a literal `{{` and hex between macros must still be whole bytes.

const utf8 = new TextEncoder()
const CAPTURE = /^\d{1,3}$/
/** The `at column N` / `at line L, column C` the codec appends to its messages. */
const WHERE_SUFFIX = / at (?:line \d+, )?column \d+$/

function failure(input: string, index: number, problem: string): { ok: false; error: PayloadError } {
  const result = payloadFailure(input, index, problem)
  if (result.ok) throw new Error('payloadFailure returned success')
  return result
}

/** The codec's error inside one literal run, moved to its place in the whole template. */
function relocate(input: string, runStart: number, run: string, error: PayloadError) {
  let lineStart = 0
  for (let line = 1; line < error.line; line++) lineStart = run.indexOf('\n', lineStart) + 1
  return failure(input, runStart + lineStart + error.column - 1, error.message.replace(WHERE_SUFFIX, ''))
}

function captureStep(index: number): TemplateStep {
  return { kind: 'value', render: (context) => utf8.encode(context.captures?.[index] ?? '') }
}

function macroStep(body: string): TemplateStep | { problem: string; argumentOffset?: number } {
  const trimmed = body.trim()
  if (trimmed === '') return { problem: 'empty macro {{}}' }
  if (CAPTURE.test(trimmed)) return captureStep(Number(trimmed))
  const colon = trimmed.indexOf(':')
  const name = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase()
  const argument = colon === -1 ? undefined : trimmed.slice(colon + 1)
  const definition = macroRegistry.get(name)
  if (definition === undefined) return { problem: `unknown macro {{${trimmed}}}` }
  if (definition.argument === 'none' && argument !== undefined) {
    return { problem: `{{${name}}} takes no argument` }
  }
  if (definition.argument === 'value' && (argument === undefined || argument.trim() === '')) {
    return { problem: `{{${name}:V}} needs a value V (a number or counter)` }
  }
  const step = definition.compile(argument)
  if ('problem' in step) return { problem: step.problem, argumentOffset: body.indexOf(':') + 1 }
  return step
}

/** Adjacent constant bytes become one step, so a plain message expands with one copy. */
function appendStep(steps: TemplateStep[], step: TemplateStep): void {
  const last = steps.at(-1)
  if (step.kind === 'bytes' && last?.kind === 'bytes') {
    const joined = new Uint8Array(last.bytes.length + step.bytes.length)
    joined.set(last.bytes)
    joined.set(step.bytes, last.bytes.length)
    steps[steps.length - 1] = { kind: 'bytes', bytes: joined }
  } else if (step.kind !== 'bytes' || step.bytes.length > 0) {
    steps.push(step)
  }
}

class TemplatePlan implements CompiledTemplate {
  readonly dynamic: boolean

  constructor(private readonly steps: readonly TemplateStep[]) {
    this.dynamic = steps.some((step) => step.kind !== 'bytes')
  }

  expand(context: ExpandContext): Uint8Array<ArrayBuffer> {
    const parts: (Uint8Array | undefined)[] = new Array(this.steps.length)
    let total = 0
    this.steps.forEach((step, index) => {
      if (step.kind === 'bytes') parts[index] = step.bytes
      else if (step.kind === 'value') parts[index] = step.render(context)
      total += step.kind === 'checksum' ? step.size : (parts[index]?.length ?? 0)
    })
    const out = new Uint8Array(total)
    let at = 0
    let coveredFrom = 0
    this.steps.forEach((step, index) => {
      if (step.kind === 'checksum') {
        step.write(out.subarray(coveredFrom, at), out, at)
        at += step.size
      } else if (step.kind === 'begin') {
        coveredFrom = at
      } else {
        const part = parts[index] as Uint8Array
        out.set(part, at)
        at += part.length
      }
    })
    return out
  }
}

/**
 * Parses a message with `{{…}}` macros into a plan: the literal runs in `encoding`, the macros of the registry,
 * `{{1}}`… for captures, then the line ending. Refuses (with the 1-based line and column) bad literal input,
 * unknown macros, bad arguments and an unclosed `{{`.
 */
export function compileTemplate(
  input: string,
  encoding: PayloadEncoding,
  lineEnding: LineEnding = 'none',
): TemplateResult {
  const steps: TemplateStep[] = []
  for (const piece of scanTemplate(input)) {
    if (piece.kind === 'unclosed') return failure(input, piece.start, "unclosed macro: '{{' without '}}'")
    if (piece.kind === 'literal') {
      const run = input.slice(piece.start, piece.end)
      const encoded = encodePayload(run, encoding)
      if (!encoded.ok) return relocate(input, piece.start, run, encoded.error)
      appendStep(steps, { kind: 'bytes', bytes: encoded.bytes })
      continue
    }
    const step = macroStep(piece.body)
    if ('problem' in step) {
      const at = step.argumentOffset === undefined ? piece.start : piece.bodyStart + step.argumentOffset
      return failure(input, at, step.problem)
    }
    appendStep(steps, step)
  }
  const ending = encodePayload('', 'text', lineEnding)
  if (ending.ok) appendStep(steps, { kind: 'bytes', bytes: ending.bytes })
  return { ok: true, template: new TemplatePlan(steps) }
}
