import { z } from 'zod'
import { ImportReasonCode } from '../profiles/import-reasons'

// TLS is an option of the two TCP kinds, not a kind of its own: a TLS socket is a TCP socket with a layer on top.
// Credentials are named by file path only; the engine reads them when the session opens, so key material never
// travels through a request, an event, a profile or an export.

export const MAX_TLS_FILE_PATH = 4_096
export const MAX_CA_FILES = 16
export const MAX_ALPN_PROTOCOLS = 16
/** RFC 7301: a protocol name is 1 to 255 bytes; we accept printable ASCII, what every registered name uses. */
const MAX_ALPN_NAME = 255

export const tlsFilePathSchema = z
  .string()
  .min(1, 'File path must not be empty')
  .max(MAX_TLS_FILE_PATH)
  .refine((path) => !path.includes('\0'), {
    message: 'File path must not contain a NUL character',
    params: { reason: ImportReasonCode.filePathNul },
  })

/** Printable ASCII without spaces (patterns are exported so an import can name their refusal). */
export const ALPN_NAME_PATTERN = /^[\x21-\x7e]+$/
export const SERVERNAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/

export const alpnListSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(MAX_ALPN_NAME)
      .regex(ALPN_NAME_PATTERN, 'ALPN protocol names are printable ASCII without spaces'),
  )
  .max(MAX_ALPN_PROTOCOLS)
  .default([])

/** SNI carries a DNS name (RFC 6066: never an IP address literal). */
export const servernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(SERVERNAME_PATTERN, 'Server name must be a DNS name (letters, digits, . and -)')

export const tlsVersionSchema = z.enum(['TLSv1.2', 'TLSv1.3'])
export type TlsVersion = z.output<typeof tlsVersionSchema>

/** full: chain and name; chain: the chain only (any name); off: nothing refused, problems still reported. */
export const verifyModeSchema = z.enum(['full', 'chain', 'off'])
export type VerifyMode = z.output<typeof verifyModeSchema>

/** A client or server certificate: PEM certificate + key, or a PKCS#12 (PFX) bundle with its passphrase. */
const identityShape = {
  certFile: tlsFilePathSchema.optional(),
  keyFile: tlsFilePathSchema.optional(),
  pfxFile: tlsFilePathSchema.optional(),
  /** A file whose first line unlocks an encrypted key or PFX (as openssl's `-passin file:`): no secret in options. */
  passphraseFile: tlsFilePathSchema.optional(),
}

const identityComplete = (identity: { certFile?: string; keyFile?: string; pfxFile?: string }): boolean =>
  identity.pfxFile !== undefined
    ? identity.certFile === undefined && identity.keyFile === undefined
    : (identity.certFile === undefined) === (identity.keyFile === undefined)

const identityRefusal = {
  message: 'Give a certificate file with its key file, or a PFX file (not both)',
  params: { reason: ImportReasonCode.tlsIdentity },
}
const versionOrderRefusal = {
  message: 'The lowest TLS version must not be above the highest',
  params: { reason: ImportReasonCode.tlsVersionOrder },
}

const versionsOrdered = (tls: { minVersion?: TlsVersion; maxVersion?: TlsVersion }): boolean =>
  tls.minVersion === undefined || tls.maxVersion === undefined || tls.minVersion <= tls.maxVersion

export const tlsClientSchema = z
  .strictObject({
    verify: verifyModeSchema.default('full'),
    /** SNI and the name checked against the certificate; defaults to the host (no SNI for an IP address). */
    servername: servernameSchema.optional(),
    alpn: alpnListSchema,
    /** Trusted issuers (PEM); without them Node's bundled Mozilla list plus NODE_EXTRA_CA_CERTS. */
    caFiles: z.array(tlsFilePathSchema).max(MAX_CA_FILES).default([]),
    ...identityShape,
    minVersion: tlsVersionSchema.optional(),
    maxVersion: tlsVersionSchema.optional(),
  })
  .refine(identityComplete, identityRefusal)
  .refine(versionsOrdered, versionOrderRefusal)

export const requestCertSchema = z.enum(['off', 'optional', 'required'])
export type RequestCertMode = z.output<typeof requestCertSchema>

export const tlsServerSchema = z
  .strictObject({
    /** No certificate and no PFX: a self-signed pair is generated when the session opens. */
    ...identityShape,
    /** Ask each client for a certificate; 'required' refuses a client without one that verifies. */
    requestCert: requestCertSchema.default('off'),
    /** Issuers trusted for client certificates. */
    caFiles: z.array(tlsFilePathSchema).max(MAX_CA_FILES).default([]),
    /** Protocols offered, in order of preference. */
    alpn: alpnListSchema,
    minVersion: tlsVersionSchema.optional(),
    maxVersion: tlsVersionSchema.optional(),
  })
  .refine(identityComplete, identityRefusal)
  .refine(versionsOrdered, versionOrderRefusal)

export type TlsClientOptions = z.output<typeof tlsClientSchema>
export type TlsServerOptions = z.output<typeof tlsServerSchema>
