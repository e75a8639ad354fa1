import type { z } from 'zod'

// Why an import refused a file or left an entry out, as a code and its values: the renderer says it in the
// user's language (its catalogue has one sentence per code), the CLI and the error's message in English.

export const ImportReasonCode = {
  notJson: 'IMPORT_NOT_JSON',
  newerVersion: 'IMPORT_NEWER_VERSION',
  notOurExport: 'IMPORT_NOT_OUR_EXPORT',
  noProfiles: 'IMPORT_NO_PROFILES',
  tooManyProfiles: 'IMPORT_TOO_MANY_PROFILES',
  /** Adding the file's profiles to the saved ones would pass the limit. */
  overLimit: 'IMPORT_OVER_LIMIT',
  notPacketSender: 'IMPORT_NOT_PACKET_SENDER',
  notPacket: 'IMPORT_NOT_PACKET',
  protocolUnsupported: 'IMPORT_PROTOCOL_UNSUPPORTED',
  protocolUnknown: 'IMPORT_PROTOCOL_UNKNOWN',
  badHex: 'IMPORT_BAD_HEX',
  badBase64: 'IMPORT_BAD_BASE64',
  repeatOutOfRange: 'IMPORT_REPEAT_RANGE',
  tooManyPackets: 'IMPORT_TOO_MANY_PACKETS',
  noPackets: 'IMPORT_NO_PACKETS',
  tooManyEndpoints: 'IMPORT_TOO_MANY_ENDPOINTS',
  /** A field the schema refused; the finer codes below say how where they can. */
  fieldInvalid: 'IMPORT_FIELD_INVALID',
  fieldMissing: 'IMPORT_FIELD_MISSING',
  fieldTooBig: 'IMPORT_FIELD_TOO_BIG',
  fieldTooSmall: 'IMPORT_FIELD_TOO_SMALL',
  fieldTooLong: 'IMPORT_FIELD_TOO_LONG',
  fieldNotAllowed: 'IMPORT_FIELD_NOT_ALLOWED',
  /** The closing issue of a capped list. */
  more: 'IMPORT_MORE',
} as const

export type ImportReasonCode = (typeof ImportReasonCode)[keyof typeof ImportReasonCode]
export type ImportReasonParams = Record<string, string | number>

export interface ImportReason {
  code: ImportReasonCode
  params: ImportReasonParams
}

const C = ImportReasonCode
const text = (value: string | number | undefined): string => String(value ?? '')
const count = (value: string | number | undefined): string =>
  typeof value === 'number' ? value.toLocaleString('en-US') : text(value)

/** The English sentence of each reason (the renderer's catalogue has its own, in every language). */
const ENGLISH: Record<ImportReasonCode, (params: ImportReasonParams) => string> = {
  [C.notJson]: () => 'The file is not valid JSON.',
  [C.newerVersion]: (p) => `The file was written by a newer version (format ${text(p.version)}).`,
  [C.notOurExport]: () => 'The file is not a Socket Workbench profiles export.',
  [C.noProfiles]: () => 'The file contains no profiles.',
  [C.tooManyProfiles]: (p) => `The file has more than ${text(p.max)} profiles.`,
  [C.overLimit]: (p) => `Importing ${text(p.count)} profiles would go over the limit of ${text(p.max)}.`,
  [C.notPacketSender]: () =>
    'The file is not a Packet Sender export (a JSON array of packets, or packets.ini).',
  [C.notPacket]: () => 'Not a packet object',
  [C.protocolUnsupported]: (p) =>
    `Protocol ${text(p.protocol)} is not supported (only TCP and UDP packets are imported)`,
  [C.protocolUnknown]: (p) => `tcpOrUdp: unknown protocol "${text(p.protocol)}"`,
  [C.badHex]: () => 'hexString is not valid hex',
  [C.badBase64]: () => 'asciiString is not valid base64',
  [C.repeatOutOfRange]: (p) =>
    `repeat: ${text(p.value)} s is not between ${text(p.min)} and ${text(p.max)} seconds`,
  [C.tooManyPackets]: (p) => `More than ${text(p.max)} packets for ${text(p.endpoint)}`,
  [C.noPackets]: () => 'The file contains no packets we can import.',
  [C.tooManyEndpoints]: (p) => `The file has more than ${text(p.max)} endpoints.`,
  [C.fieldInvalid]: (p) => `${text(p.field)}: ${text(p.detail)}`,
  [C.fieldMissing]: (p) => `${text(p.field)}: missing`,
  [C.fieldTooBig]: (p) => `${text(p.field)}: more than ${text(p.max)}`,
  [C.fieldTooSmall]: (p) => `${text(p.field)}: less than ${text(p.min)}`,
  [C.fieldTooLong]: (p) => `${text(p.field)}: longer than ${text(p.max)}`,
  [C.fieldNotAllowed]: (p) => `${text(p.field)}: not one of ${text(p.allowed)}`,
  [C.more]: (p) => `And ${count(p.count)} more problems.`,
}

export const englishReason = ({ code, params }: ImportReason): string => ENGLISH[code](params)

export const isImportReasonCode = (value: unknown): value is ImportReasonCode =>
  typeof value === 'string' && Object.hasOwn(ENGLISH, value)

/**
 * The first problem zod found in a field, as a reason naming the field (`connection.port`). Parse with
 * `{ reportInput: true }` so a missing field can be told from a wrong one.
 */
export function zodReason(error: z.ZodError, prefix?: string): ImportReason {
  const issue = error.issues[0]
  const path = issue?.path.map(String).join('.') ?? ''
  const field = [prefix, path].filter((part) => part !== undefined && part !== '').join('.') || 'value'
  if (issue === undefined) return { code: C.fieldInvalid, params: { field, detail: 'Invalid value' } }
  const numeric = 'origin' in issue && (issue.origin === 'number' || issue.origin === 'int')
  const sized = 'origin' in issue && (issue.origin === 'string' || issue.origin === 'array')
  // Our schemas' bounds are inclusive; an exclusive one keeps zod's own sentence.
  const inclusive = !('inclusive' in issue) || issue.inclusive !== false
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return { code: C.fieldMissing, params: { field } }
      break
    case 'too_big':
      if (inclusive && numeric) return { code: C.fieldTooBig, params: { field, max: Number(issue.maximum) } }
      if (inclusive && sized) return { code: C.fieldTooLong, params: { field, max: Number(issue.maximum) } }
      break
    case 'too_small':
      if (inclusive && numeric)
        return { code: C.fieldTooSmall, params: { field, min: Number(issue.minimum) } }
      break
    case 'invalid_value':
      return { code: C.fieldNotAllowed, params: { field, allowed: issue.values.map(String).join(', ') } }
  }
  return { code: C.fieldInvalid, params: { field, detail: issue.message } }
}
