import type { z } from 'zod'
import { HOST_PATTERN } from '../schemas'
import { ALPN_NAME_PATTERN, SERVERNAME_PATTERN } from '../tls/tls-schema'
import {
  ImportReasonCode,
  isImportReasonCode,
  type ImportReason,
  type ImportReasonParams,
} from './import-reasons'
import { NAME_CONTROL_PATTERN, NAME_INVISIBLE_PATTERN } from './schema'

// Every refusal our profile schemas can give, as an import reason the renderer says in the user's language: zod's
// own sentences are English, so none of them travels as a value a translation would quote.

const C = ImportReasonCode

/** A value of another kind, by the kind zod expected. */
const WRONG_TYPE: Readonly<Record<string, ImportReasonCode>> = {
  number: C.fieldNotNumber,
  int: C.fieldNotInteger,
  string: C.fieldNotText,
  array: C.fieldNotList,
  boolean: C.fieldNotYesNo,
  object: C.fieldNotObject,
}

/** Text the pattern refused, by the pattern (zod's issue names it as `String(regex)`). */
const FORMAT: ReadonlyMap<string, ImportReasonCode> = new Map([
  [String(HOST_PATTERN), C.hostChars],
  [String(NAME_CONTROL_PATTERN), C.nameControlChars],
  [String(NAME_INVISIBLE_PATTERN), C.nameInvisibleChars],
  [String(SERVERNAME_PATTERN), C.servernameFormat],
  [String(ALPN_NAME_PATTERN), C.alpnFormat],
])

const fieldName = (parts: readonly (string | number | symbol | undefined)[]): string =>
  parts
    .filter((part) => part !== undefined && part !== '')
    .map(String)
    .join('.')

/** The values a refinement put in its issue's params, when they name one of our codes. */
function customReason(issue: z.core.$ZodIssueCustom, field: string): ImportReason | undefined {
  const { reason, ...values } = issue.params ?? {}
  if (!isImportReasonCode(reason)) return undefined
  const params: ImportReasonParams = { field }
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value
  }
  return { code: reason, params }
}

/**
 * The first problem zod found in a field, as a reason naming the field (`connection.port`). Parse with
 * `{ reportInput: true }` so a missing field can be told from a wrong one.
 */
export function zodReason(error: z.ZodError, prefix?: string): ImportReason {
  const issue = error.issues[0]
  const field = fieldName([prefix, ...(issue?.path ?? [])]) || 'value'
  if (issue === undefined) return { code: C.fieldInvalid, params: { field, detail: 'Invalid value' } }
  const finer = finerReason(issue, field, prefix)
  return finer ?? { code: C.fieldInvalid, params: { field, detail: issue.message } }
}

function finerReason(
  issue: z.core.$ZodIssue,
  field: string,
  prefix: string | undefined,
): ImportReason | undefined {
  const numeric = 'origin' in issue && (issue.origin === 'number' || issue.origin === 'int')
  const text = 'origin' in issue && issue.origin === 'string'
  const list = 'origin' in issue && issue.origin === 'array'
  switch (issue.code) {
    case 'invalid_type': {
      if ('input' in issue && issue.input === undefined) return { code: C.fieldMissing, params: { field } }
      return { code: WRONG_TYPE[issue.expected] ?? C.fieldWrongType, params: { field } }
    }
    case 'too_big': {
      const max = Number(issue.maximum)
      if (issue.inclusive === false) return { code: C.fieldNotBelow, params: { field, max } }
      if (numeric) return { code: C.fieldTooBig, params: { field, max } }
      if (text || list) return { code: C.fieldTooLong, params: { field, max } }
      return undefined
    }
    case 'too_small': {
      const min = Number(issue.minimum)
      if (issue.inclusive === false) return { code: C.fieldNotAbove, params: { field, min } }
      if (numeric) return { code: C.fieldTooSmall, params: { field, min } }
      if ((text || list) && min === 1) return { code: C.fieldEmpty, params: { field } }
      if (text) return { code: C.fieldTooShort, params: { field, min } }
      if (list) return { code: C.fieldTooFew, params: { field, min } }
      return undefined
    }
    case 'not_multiple_of':
      return { code: C.fieldNotMultiple, params: { field, divisor: Number(issue.divisor) } }
    case 'invalid_value':
      return { code: C.fieldNotAllowed, params: { field, allowed: issue.values.map(String).join(', ') } }
    case 'invalid_format':
      return {
        code: (issue.format === 'regex' && FORMAT.get(issue.pattern ?? '')) || C.fieldBadFormat,
        params: { field },
      }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => fieldName([prefix, ...issue.path, key]))
      return { code: C.fieldUnknown, params: { field: keys.join(', ') } }
    }
    case 'invalid_union':
      return unionReason(issue, field)
    case 'custom':
      return customReason(issue, field)
    default:
      return undefined
  }
}

/** A discriminated union says which discriminator values it knows; another union only that nothing fitted. */
function unionReason(issue: z.core.$ZodIssueInvalidUnion, field: string): ImportReason {
  const { discriminator, options } = issue as { discriminator?: unknown; options?: unknown }
  if (typeof discriminator !== 'string' || !Array.isArray(options)) {
    return { code: C.fieldNoShape, params: { field } }
  }
  const input: unknown = issue.input
  const given =
    input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : input
  if (given === undefined) return { code: C.fieldMissing, params: { field } }
  return { code: C.fieldNotAllowed, params: { field, allowed: options.map(String).join(', ') } }
}
