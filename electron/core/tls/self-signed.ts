import 'reflect-metadata'
import { webcrypto, randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import * as x509 from '@peculiar/x509'

/** A certificate and its private key, both PEM. */
export interface PemPair {
  certificatePem: string
  keyPem: string
}

export interface SelfSignedRequest {
  /** The host name the certificate is for (its subject CN and first SAN); default `localhost`. */
  name?: string
  notBefore?: Date
  notAfter?: Date
}

/** A generated certificate is valid from a minute ago (clock skew) for this long. */
const VALIDITY_DAYS = 365
const DAY_MS = 86_400_000
const SKEW_MS = 60_000

/** The loopback names every generated certificate carries, so a local client can verify it by any of them. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']

type SelfSignedParams = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>
/** @peculiar/x509 is typed against the DOM's WebCrypto types; Node's webcrypto is the same API. */
type X509Keys = SelfSignedParams[0]['keys']
type X509Crypto = NonNullable<SelfSignedParams[1]>

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

function subjectAltNames(name: string): x509.JsonGeneralName[] {
  const names = [name, ...LOOPBACK_NAMES.filter((loopback) => loopback !== name)]
  return names.map((value) => ({ type: isIP(value) === 0 ? 'dns' : 'ip', value }))
}

/** The CN is a display name: quoting keeps an IPv6 address or odd host from being read as DN syntax. */
const commonName = (name: string): string => `CN=${name.replace(/[\\,+="<>;#]/g, (c) => `\\${c}`)}`

/**
 * A self-signed EC P-256 certificate signed with ECDSA SHA-256 for `name` (SAN: the name plus localhost,
 * 127.0.0.1 and ::1), and its PKCS#8 key. What a TLS server uses when it is given no certificate of its own.
 */
export async function generateSelfSigned(request: SelfSignedRequest = {}): Promise<PemPair> {
  const name = request.name ?? 'localhost'
  const crypto = webcrypto
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])
  const notBefore = request.notBefore ?? new Date(Date.now() - SKEW_MS)
  const notAfter = request.notAfter ?? new Date(notBefore.getTime() + VALIDITY_DAYS * DAY_MS)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // A positive 16-byte serial: the top bit clear keeps the DER integer unsigned.
      serialNumber: Buffer.from(
        randomBytes(16).map((byte, index) => (index === 0 ? byte & 0x7f : byte)),
      ).toString('hex'),
      name: commonName(name),
      notBefore,
      notAfter,
      keys: keys as X509Keys,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([
          x509.ExtendedKeyUsage.serverAuth,
          x509.ExtendedKeyUsage.clientAuth,
        ]),
        new x509.SubjectAlternativeNameExtension(subjectAltNames(name)),
      ],
    },
    crypto as unknown as X509Crypto,
  )
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey)
  return {
    certificatePem: certificate.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  }
}
