import 'reflect-metadata'
import { X509Certificate } from 'node:crypto'
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls'
import * as x509 from '@peculiar/x509'
import type { CertificateSummary } from '../../shared'

/** Longer chains than this are not real; the walk stops there (a peer controls what it sends). */
const MAX_CHAIN_LENGTH = 10

const curveBits: Record<string, number> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
}

/** Node prints names one attribute per line (`CN=…\nO=…`); one line reads better in a log row. */
const oneLine = (name: string): string => name.split('\n').filter(Boolean).join(', ')

function keySize(certificate: X509Certificate): number | undefined {
  const details = certificate.publicKey.asymmetricKeyDetails
  if (details?.modulusLength !== undefined) return details.modulusLength
  if (details?.namedCurve !== undefined) return curveBits[details.namedCurve]
  return undefined
}

function signatureAlgorithm(raw: Buffer): string {
  try {
    const algorithm = new x509.X509Certificate(raw).signatureAlgorithm as {
      name: string
      hash?: { name: string }
    }
    return algorithm.hash === undefined ? algorithm.name : `${algorithm.name} with ${algorithm.hash.name}`
  } catch {
    return 'unknown'
  }
}

/** The fields a user checks on a certificate, from its DER bytes. */
export function describeCertificate(raw: Buffer): CertificateSummary {
  const certificate = new X509Certificate(raw)
  const summary: CertificateSummary = {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    subjectAltNames: certificate.subjectAltName?.split(', ').filter(Boolean) ?? [],
    validFrom: new Date(certificate.validFrom).toISOString(),
    validUntil: new Date(certificate.validTo).toISOString(),
    serialNumber: certificate.serialNumber,
    fingerprintSha256: certificate.fingerprint256,
    keyType: certificate.publicKey.asymmetricKeyType ?? 'unknown',
    signatureAlgorithm: signatureAlgorithm(raw),
    // Not checkIssued(): OpenSSL's check also wants keyCertSign, which a self-signed leaf rightly lacks.
    selfSigned: certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey),
  }
  const bits = keySize(certificate)
  if (bits !== undefined) summary.keySize = bits
  return summary
}

/** The chain the peer sent, leaf first; empty when it sent no certificate. */
export function describePeerChain(socket: TLSSocket): CertificateSummary[] {
  const chain: CertificateSummary[] = []
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true)
  const seen = new Set<string>()
  // A self-signed root is its own issuer (Node repeats it): the walk ends at the first certificate seen twice.
  while (current?.raw !== undefined && !seen.has(current.fingerprint256) && chain.length < MAX_CHAIN_LENGTH) {
    seen.add(current.fingerprint256)
    chain.push(describeCertificate(current.raw))
    current = current.issuerCertificate
  }
  return chain
}

/** The certificate this side presented (a server's own), when there is one. */
export function describeLocalCertificate(socket: TLSSocket): CertificateSummary | undefined {
  const own = socket.getX509Certificate()
  return own === undefined ? undefined : describeCertificate(own.raw)
}
