// Why an import refused a file or left an entry out, as a code and its values: the renderer says it in the
// user's language (its catalogue has one sentence per code), the CLI and the error's message in English.
// Shared schemas put these codes in their refinements' params, so this file imports nothing at run time (no cycle);
// zod-reason.ts turns zod's issues into them.

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
  /** The value is of another kind than the field's: one code per kind, so each language can name it. */
  fieldNotNumber: 'IMPORT_FIELD_NOT_NUMBER',
  fieldNotInteger: 'IMPORT_FIELD_NOT_INTEGER',
  fieldNotText: 'IMPORT_FIELD_NOT_TEXT',
  fieldNotList: 'IMPORT_FIELD_NOT_LIST',
  fieldNotYesNo: 'IMPORT_FIELD_NOT_YES_NO',
  fieldNotObject: 'IMPORT_FIELD_NOT_OBJECT',
  /** Another kind of value than the field's, where the field's kind is none of the above. */
  fieldWrongType: 'IMPORT_FIELD_WRONG_TYPE',
  /** Empty text or an empty list where at least one is needed. */
  fieldEmpty: 'IMPORT_FIELD_EMPTY',
  fieldTooShort: 'IMPORT_FIELD_TOO_SHORT',
  fieldTooFew: 'IMPORT_FIELD_TOO_FEW',
  /** Exclusive bounds: the value must be below `max` / above `min`. */
  fieldNotBelow: 'IMPORT_FIELD_NOT_BELOW',
  fieldNotAbove: 'IMPORT_FIELD_NOT_ABOVE',
  fieldNotMultiple: 'IMPORT_FIELD_NOT_MULTIPLE',
  /** Keys a strict object does not have (`field` lists them, each with its path). */
  fieldUnknown: 'IMPORT_FIELD_UNKNOWN',
  /** A value none of a union's shapes accepts. */
  fieldNoShape: 'IMPORT_FIELD_NO_SHAPE',
  /** Text that does not have the pattern the field asks for, where no finer code below says which. */
  fieldBadFormat: 'IMPORT_FIELD_BAD_FORMAT',
  hostChars: 'IMPORT_HOST_CHARS',
  nameControlChars: 'IMPORT_NAME_CONTROL_CHARS',
  nameInvisibleChars: 'IMPORT_NAME_INVISIBLE_CHARS',
  servernameFormat: 'IMPORT_SERVERNAME_FORMAT',
  alpnFormat: 'IMPORT_ALPN_FORMAT',
  /** Our schemas' own refinements (they carry the code in their issue's params). */
  badEscape: 'IMPORT_BAD_ESCAPE',
  delimiterTooLong: 'IMPORT_DELIMITER_TOO_LONG',
  badRegex: 'IMPORT_BAD_REGEX',
  badHexPattern: 'IMPORT_BAD_HEX_PATTERN',
  filePathNul: 'IMPORT_FILE_PATH_NUL',
  tlsIdentity: 'IMPORT_TLS_IDENTITY',
  tlsVersionOrder: 'IMPORT_TLS_VERSION_ORDER',
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
  [C.fieldNotNumber]: (p) => `${text(p.field)}: not a number`,
  [C.fieldNotInteger]: (p) => `${text(p.field)}: not a whole number`,
  [C.fieldNotText]: (p) => `${text(p.field)}: not text`,
  [C.fieldNotList]: (p) => `${text(p.field)}: not a list`,
  [C.fieldNotYesNo]: (p) => `${text(p.field)}: not true or false`,
  [C.fieldNotObject]: (p) => `${text(p.field)}: not an object`,
  [C.fieldWrongType]: (p) => `${text(p.field)}: not the right kind of value`,
  [C.fieldEmpty]: (p) => `${text(p.field)}: empty`,
  [C.fieldTooShort]: (p) => `${text(p.field)}: shorter than ${text(p.min)}`,
  [C.fieldTooFew]: (p) => `${text(p.field)}: fewer than ${text(p.min)} entries`,
  [C.fieldNotBelow]: (p) => `${text(p.field)}: not less than ${text(p.max)}`,
  [C.fieldNotAbove]: (p) => `${text(p.field)}: not more than ${text(p.min)}`,
  [C.fieldNotMultiple]: (p) => `${text(p.field)}: not a multiple of ${text(p.divisor)}`,
  [C.fieldUnknown]: (p) => `${text(p.field)}: unknown field`,
  [C.fieldNoShape]: (p) => `${text(p.field)}: matches none of the allowed forms`,
  [C.fieldBadFormat]: (p) => `${text(p.field)}: not in the expected format`,
  // The sentences below are the schemas' own messages, as the CLI said them before they had codes.
  [C.hostChars]: (p) => `${text(p.field)}: Host may only contain letters, digits and . _ : % - [ ]`,
  [C.nameControlChars]: (p) => `${text(p.field)}: Name must not contain control characters`,
  [C.nameInvisibleChars]: (p) =>
    `${text(p.field)}: Name must not contain invisible or text-direction characters (zero-width, bidi overrides)`,
  [C.servernameFormat]: (p) => `${text(p.field)}: Server name must be a DNS name (letters, digits, . and -)`,
  [C.alpnFormat]: (p) => `${text(p.field)}: ALPN protocol names are printable ASCII without spaces`,
  [C.badEscape]: (p) => `${text(p.field)}: ${text(p.detail)}`,
  [C.delimiterTooLong]: (p) => `${text(p.field)}: Delimiter must be at most ${text(p.max)} bytes`,
  [C.badRegex]: (p) => `${text(p.field)}: ${text(p.detail)}`,
  [C.badHexPattern]: (p) => `${text(p.field)}: ${text(p.detail)}`,
  [C.filePathNul]: (p) => `${text(p.field)}: File path must not contain a NUL character`,
  [C.tlsIdentity]: (p) =>
    `${text(p.field)}: Give a certificate file with its key file, or a PFX file (not both)`,
  [C.tlsVersionOrder]: (p) => `${text(p.field)}: The lowest TLS version must not be above the highest`,
  [C.more]: (p) => `And ${count(p.count)} more problems.`,
}

export const englishReason = ({ code, params }: ImportReason): string => ENGLISH[code](params)

export const isImportReasonCode = (value: unknown): value is ImportReasonCode =>
  typeof value === 'string' && Object.hasOwn(ENGLISH, value)
