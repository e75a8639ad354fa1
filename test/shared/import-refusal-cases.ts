import { ImportReasonCode, type ImportReason } from '../../electron/shared/profiles'

// What the import must say of each file in test/fixtures/profiles/refused/: real profile files with one problem
// each, one for every kind of refusal our profile schemas give. The reason (code and values) and its English
// sentence (the CLI's) are checked in test/shared/import-reasons.test.ts; test/renderer/import-reasons-ko.test.ts
// checks the Korean says each file's problem without English.

export const REFUSED_PROFILES_DIR = 'test/fixtures/profiles/refused'

export interface RefusalCase {
  /** The file's name in REFUSED_PROFILES_DIR, without `.json`. */
  file: string
  reason: ImportReason
  english: string
}

const C = ImportReasonCode

const refusal = (
  file: string,
  code: ImportReasonCode,
  params: ImportReason['params'],
  english: string,
): RefusalCase => ({ file, reason: { code, params }, english })

/** The regex engine's sentence for the fixture's "(" (it is the engine's, not ours). */
const regexError = (() => {
  const unterminated = '('
  try {
    new RegExp(unterminated)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('"(" compiled as a regex')
})()

export const refusalCases: RefusalCase[] = [
  // Wrong kind of value, one per kind the schemas ask for.
  refusal(
    'a-number-as-text',
    C.fieldNotNumber,
    { field: 'connection.port' },
    'connection.port: not a number',
  ),
  refusal(
    'a-fraction-for-a-whole-number',
    C.fieldNotInteger,
    { field: 'connection.port' },
    'connection.port: not a whole number',
  ),
  refusal('a-number-for-text', C.fieldNotText, { field: 'name' }, 'name: not text'),
  refusal('an-object-for-a-list', C.fieldNotList, { field: 'messages' }, 'messages: not a list'),
  refusal(
    'text-for-yes-no',
    C.fieldNotYesNo,
    { field: 'connection.noDelay' },
    'connection.noDelay: not true or false',
  ),
  refusal(
    'text-for-an-object',
    C.fieldNotObject,
    { field: 'connection.tls' },
    'connection.tls: not an object',
  ),
  refusal('an-entry-that-is-no-object', C.fieldNotObject, { field: 'value' }, 'value: not an object'),
  // Missing, sizes and bounds.
  refusal('a-missing-field', C.fieldMissing, { field: 'connection.port' }, 'connection.port: missing'),
  refusal('empty-text', C.fieldEmpty, { field: 'connection.host' }, 'connection.host: empty'),
  refusal('a-name-that-is-only-blanks', C.fieldEmpty, { field: 'name' }, 'name: empty'),
  refusal(
    'a-number-above-the-maximum',
    C.fieldTooBig,
    { field: 'connection.port', max: 65_535 },
    'connection.port: more than 65535',
  ),
  refusal(
    'a-number-below-the-minimum',
    C.fieldTooSmall,
    { field: 'messages.0.repeat.everyMs', min: 1 },
    'messages.0.repeat.everyMs: less than 1',
  ),
  refusal('text-too-long', C.fieldTooLong, { field: 'name', max: 100 }, 'name: longer than 100'),
  refusal(
    'a-list-too-long',
    C.fieldTooLong,
    { field: 'connection.tls.caFiles', max: 16 },
    'connection.tls.caFiles: longer than 16',
  ),
  refusal(
    'a-value-not-among-the-allowed',
    C.fieldNotAllowed,
    { field: 'messages.0.encoding', allowed: 'text, hex, base64' },
    'messages.0.encoding: not one of text, hex, base64',
  ),
  // Strict objects and unions.
  refusal(
    'an-unknown-field',
    C.fieldUnknown,
    { field: 'connection.colour, connection.size' },
    'connection.colour, connection.size: unknown field',
  ),
  refusal(
    'an-unknown-field-at-the-top-of-an-entry',
    C.fieldUnknown,
    { field: 'colour' },
    'colour: unknown field',
  ),
  refusal(
    'a-connection-without-a-kind',
    C.fieldMissing,
    { field: 'connection.kind' },
    'connection.kind: missing',
  ),
  refusal(
    'a-connection-of-an-unknown-kind',
    C.fieldNotAllowed,
    { field: 'connection.kind', allowed: 'tcp-client, tcp-server, udp, tcp-relay, udp-relay' },
    'connection.kind: not one of tcp-client, tcp-server, udp, tcp-relay, udp-relay',
  ),
  refusal(
    'a-framing-of-an-unknown-mode',
    C.fieldNotAllowed,
    { field: 'connection.framing.mode', allowed: 'none, delimiter, fixed, length, slip, idle' },
    'connection.framing.mode: not one of none, delimiter, fixed, length, slip, idle',
  ),
  // Patterns.
  refusal(
    'a-host-with-a-blank',
    C.hostChars,
    { field: 'connection.host' },
    'connection.host: Host may only contain letters, digits and . _ : % - [ ]',
  ),
  refusal(
    'a-name-with-a-control-character',
    C.nameControlChars,
    { field: 'name' },
    'name: Name must not contain control characters',
  ),
  refusal(
    'a-name-with-a-bidi-override',
    C.nameInvisibleChars,
    { field: 'name' },
    'name: Name must not contain invisible or text-direction characters (zero-width, bidi overrides)',
  ),
  refusal(
    'a-server-name-that-is-no-dns-name',
    C.servernameFormat,
    { field: 'connection.tls.servername' },
    'connection.tls.servername: Server name must be a DNS name (letters, digits, . and -)',
  ),
  refusal(
    'an-alpn-name-with-a-blank',
    C.alpnFormat,
    { field: 'connection.tls.alpn.0' },
    'connection.tls.alpn.0: ALPN protocol names are printable ASCII without spaces',
  ),
  // Our own refinements.
  refusal(
    'a-file-path-with-a-nul',
    C.filePathNul,
    { field: 'connection.tls.caFiles.0' },
    'connection.tls.caFiles.0: File path must not contain a NUL character',
  ),
  refusal(
    'a-certificate-without-its-key',
    C.tlsIdentity,
    { field: 'connection.tls' },
    'connection.tls: Give a certificate file with its key file, or a PFX file (not both)',
  ),
  refusal(
    'tls-versions-the-wrong-way-round',
    C.tlsVersionOrder,
    { field: 'connection.tls' },
    'connection.tls: The lowest TLS version must not be above the highest',
  ),
  refusal(
    'a-delimiter-with-an-unknown-escape',
    C.badEscape,
    { field: 'connection.framing.delimiter', line: 1, column: 3, detail: "unknown escape '\\q' at column 3" },
    "connection.framing.delimiter: unknown escape '\\q' at column 3",
  ),
  refusal(
    'a-delimiter-of-too-many-bytes',
    C.delimiterTooLong,
    { field: 'connection.framing.delimiter', max: 16 },
    'connection.framing.delimiter: Delimiter must be at most 16 bytes',
  ),
  refusal(
    'an-auto-reply-regex-that-does-not-compile',
    C.badRegex,
    { field: 'connection.autoReply.rules.0.match', detail: regexError },
    `connection.autoReply.rules.0.match: ${regexError}`,
  ),
  refusal(
    'an-auto-reply-hex-pattern-with-a-bad-byte',
    C.badHexPattern,
    { field: 'connection.autoReply.rules.0.match', detail: "'zz' at column 4 is neither a hex byte nor ??" },
    "connection.autoReply.rules.0.match: 'zz' at column 4 is neither a hex byte nor ??",
  ),
  refusal(
    'an-auto-reply-text-with-a-bad-escape',
    C.badEscape,
    {
      field: 'connection.autoReply.rules.0.match',
      line: 1,
      column: 3,
      detail: '\\x needs exactly two hex digits at column 3',
    },
    'connection.autoReply.rules.0.match: \\x needs exactly two hex digits at column 3',
  ),
  // The same kinds of refusal in the other connection kinds and settings.
  refusal(
    'udp-multicast-group-with-an-unknown-field',
    C.fieldUnknown,
    { field: 'connection.multicastGroups.0.port' },
    'connection.multicastGroups.0.port: unknown field',
  ),
  refusal(
    'relay-fault-as-text',
    C.fieldNotNumber,
    { field: 'connection.faults.toUpstream.delayMs' },
    'connection.faults.toUpstream.delayMs: not a number',
  ),
  refusal(
    'udp-relay-idle-timeout-too-short',
    C.fieldTooSmall,
    { field: 'connection.idleTimeoutMs', min: 100 },
    'connection.idleTimeoutMs: less than 100',
  ),
  refusal(
    'server-certificate-and-pfx',
    C.tlsIdentity,
    { field: 'connection.tls' },
    'connection.tls: Give a certificate file with its key file, or a PFX file (not both)',
  ),
  refusal(
    'auto-reply-rule-with-an-empty-match',
    C.fieldEmpty,
    { field: 'connection.autoReply.rules.0.match' },
    'connection.autoReply.rules.0.match: empty',
  ),
  refusal(
    'repeat-count-as-a-fraction',
    C.fieldNotInteger,
    { field: 'messages.0.repeat.times' },
    'messages.0.repeat.times: not a whole number',
  ),
  refusal(
    'view-of-an-unknown-kind',
    C.fieldNotAllowed,
    { field: 'view.viewAs', allowed: 'text, hex' },
    'view.viewAs: not one of text, hex',
  ),
]
