import { z } from 'zod'
import {
  MAX_ALPN_PROTOCOLS,
  MAX_CA_FILES,
  alpnListSchema,
  servernameSchema,
  tlsFilePathSchema,
  verifyModeSchema,
  type TlsClientOptions,
  type TlsServerOptions,
} from '../tls/tls-schema'

// A sequence's `tls:` map: the CLI's TLS options (--insecure/--chain-only, --ca, --servername, --alpn, --cert, --key)
// in the file's words, turned into the TLS option of the tcp-client or tcp-server request. Paths are as written;
// the runner reads them relative to the sequence file.

/** One name or a list of them: `ca: ca.pem` or `ca: [root.pem, intermediate.pem]`. */
const oneOrMany = <T extends z.ZodType>(item: T, max: number) => z.union([item, z.array(item).max(max)])

const alpnNameSchema = alpnListSchema.unwrap().element

export const sequenceTlsSchema = z.strictObject({
  verify: verifyModeSchema
    .optional()
    .describe('connect: full (chain and name, the default), chain (the chain only) or off (nothing refused)'),
  ca: oneOrMany(tlsFilePathSchema, MAX_CA_FILES)
    .optional()
    .describe('connect: trusted issuers (PEM files, relative to the sequence file)'),
  servername: servernameSchema
    .optional()
    .describe('connect: the name sent (SNI) and checked against the certificate (default: the host)'),
  alpn: oneOrMany(alpnNameSchema, MAX_ALPN_PROTOCOLS).optional().describe('protocols offered, in order'),
  cert: tlsFilePathSchema
    .optional()
    .describe("a certificate (PEM): the client's, or the server's own (listen without it: a generated one)"),
  key: tlsFilePathSchema.optional().describe('the private key of cert (PEM)'),
})

export type SequenceTls = z.output<typeof sequenceTlsSchema>

/** Keys that only a client has a use for. */
export const CLIENT_ONLY_TLS_KEYS = ['verify', 'ca', 'servername'] as const

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

const filesOf = ({ cert, key }: SequenceTls) => ({
  ...(cert === undefined ? {} : { certFile: cert }),
  ...(key === undefined ? {} : { keyFile: key }),
})

/** The TLS option of a tcp-client request (its schema fills in the rest). */
export function clientTlsOf(tls: SequenceTls) {
  return {
    verify: tls.verify ?? ('full' as const),
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
    alpn: listOf(tls.alpn),
    caFiles: listOf(tls.ca),
    ...filesOf(tls),
  }
}

/** The TLS option of a tcp-server request: without cert and key the engine generates a self-signed pair. */
export function serverTlsOf(tls: SequenceTls) {
  return { alpn: listOf(tls.alpn), ...filesOf(tls) }
}

const oneOrList = <T>(list: readonly T[]): T | T[] | undefined =>
  list.length === 0 ? undefined : list.length === 1 ? list[0] : [...list]

/**
 * A session's TLS option as a `tls:` map (Record as sequence), the defaults left out. A PFX bundle and version
 * limits have no key here; the draft's reader adds them to a session: target if they matter.
 */
export function sequenceTlsOf(tls: TlsClientOptions | TlsServerOptions): SequenceTls {
  const map: SequenceTls = {}
  if ('verify' in tls) {
    if (tls.verify !== 'full') map.verify = tls.verify
    const ca = oneOrList(tls.caFiles)
    if (ca !== undefined) map.ca = ca
    if (tls.servername !== undefined) map.servername = tls.servername
  }
  const alpn = oneOrList(tls.alpn)
  if (alpn !== undefined) map.alpn = alpn
  if (tls.certFile !== undefined) map.cert = tls.certFile
  if (tls.keyFile !== undefined) map.key = tls.keyFile
  return map
}
