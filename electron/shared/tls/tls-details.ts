/** What the `tls` lifecycle step reports: plain data for the log, the UI's "Certificate" region and the CLI. */

export interface CertificateSummary {
  subject: string
  issuer: string
  /** DNS names and IP addresses, as `DNS:name` / `IP Address:addr`. */
  subjectAltNames: string[]
  /** ISO 8601. */
  validFrom: string
  validUntil: string
  serialNumber: string
  /** Colon-separated upper-case hex, as openssl prints it. */
  fingerprintSha256: string
  /** `ec`, `rsa`, `ed25519`, … */
  keyType: string
  /** Bits of the key (RSA modulus, EC curve size); absent where Node cannot tell. */
  keySize?: number
  /** e.g. `ecdsa-with-SHA256`, `sha256WithRSAEncryption`. */
  signatureAlgorithm: string
  selfSigned: boolean
}

/** A verification problem: a code, one plain sentence and what to do about it. */
export interface TlsProblem {
  code: string
  message: string
  hint: string
}

export interface TlsDetails {
  /** `TLSv1.2`, `TLSv1.3`. */
  protocol: string
  cipher: { name: string; standardName: string }
  /** The protocol ALPN agreed on; absent when none. */
  alpn?: string
  /** SNI: the name a client asked for (a server: the name its client asked for). */
  servername?: string
  sessionReused: boolean
  /** The peer's certificate chain, leaf first; empty when the peer sent none (a client without a certificate). */
  peerChain: CertificateSummary[]
  /** A server's own certificate (generated or loaded). */
  localCertificate?: CertificateSummary
  /**
   * Whether the peer's certificate verified. With verification off (or a client certificate that was only
   * asked for) the session goes on and `problem` says what would have failed.
   */
  verified: boolean
  problem?: TlsProblem
}
