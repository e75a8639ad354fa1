import { CodedError, OwnErrorCode, type CertificateSummary, type TlsProblem } from '../../shared'

/** What a failure's sentence may name: who, which name was asked for, the certificates seen, the clock. */
export interface FailureContext {
  /** `host:port` of the peer. */
  peer?: string
  /** The name checked against the certificate. */
  servername?: string
  chain?: readonly CertificateSummary[]
  now?: Date
  /** The versions this side allowed, for "no shared version". */
  minVersion?: string
  maxVersion?: string
  /** Whether this side (a client) presented a certificate. */
  sentCertificate?: boolean
}

interface Explanation {
  sentence(context: FailureContext): string
  hint(context: FailureContext): string
}

const NO_SYSTEM_STORE =
  'Node 20 trusts only its bundled Mozilla CA list, not this system’s store: give the issuer as CA file ' +
  '(or in NODE_EXTRA_CA_CERTS).'

const leaf = (context: FailureContext): CertificateSummary | undefined => context.chain?.[0]
const subjectOf = (context: FailureContext): string => leaf(context)?.subject ?? 'the peer'
const issuerOf = (context: FailureContext): string => leaf(context)?.issuer ?? 'its issuer'
const nowText = (context: FailureContext): string => (context.now ?? new Date()).toISOString()

/** The first certificate of the chain the clock rules out, else the leaf. */
function outOfDate(context: FailureContext, expired: boolean): CertificateSummary | undefined {
  const now = (context.now ?? new Date()).getTime()
  const found = context.chain?.find((certificate) =>
    expired ? Date.parse(certificate.validUntil) < now : Date.parse(certificate.validFrom) > now,
  )
  return found ?? leaf(context)
}

function names(context: FailureContext): string {
  const list = leaf(context)?.subjectAltNames ?? []
  return list.length === 0 ? `no alternative names (subject ${subjectOf(context)})` : list.join(', ')
}

const versions = ({ minVersion, maxVersion }: FailureContext): string =>
  `${minVersion ?? 'TLSv1.2'} to ${maxVersion ?? 'TLSv1.3'}`

const notTls: Explanation = {
  sentence: () => 'the peer did not answer with TLS — is this a plaintext port?',
  hint: () => 'Turn TLS off for this port, or connect to the port where the service speaks TLS.',
}

const noSharedVersion: Explanation = {
  sentence: (context) =>
    `the peer and this side share no TLS protocol version (this side allows ${versions(context)})`,
  hint: () =>
    'Change the lowest or highest TLS version, or find out what the peer supports (openssl s_client -tls1_2 / -tls1_3).',
}

const clientCertificateSentences = {
  sent: 'client certificate step: the server rejected the client certificate',
  none: 'client certificate step: the server requires a client certificate, and none was sent',
  unknown:
    'client certificate step: the server refused the client (no client certificate, or one it does not trust)',
}

const clientCertificateRejected: Explanation = {
  sentence: ({ sentCertificate }) =>
    clientCertificateSentences[sentCertificate === undefined ? 'unknown' : sentCertificate ? 'sent' : 'none'],
  hint: ({ sentCertificate }) =>
    sentCertificate === true
      ? 'Use a client certificate issued by a CA the server trusts, and check its dates.'
      : 'Give a client certificate and its key (issued by a CA the server trusts).',
}

/** One entry per OpenSSL verification code and Node TLS error code we can explain. */
const explanations: Record<string, Explanation> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    sentence: (context) =>
      `the certificate of ${subjectOf(context)} is self-signed, and nothing here trusts it`,
    hint: () =>
      'Give that certificate as CA file to trust it, or turn certificate verification off (the failure is still shown).',
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    sentence: (context) =>
      `the certificate chain ends in a self-signed root (${context.chain?.at(-1)?.subject ?? 'unknown'}) that is not trusted`,
    hint: () => `Give that root as CA file. ${NO_SYSTEM_STORE}`,
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    sentence: (context) => `the issuer of the certificate (${issuerOf(context)}) is not a trusted CA here`,
    hint: () => NO_SYSTEM_STORE,
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    sentence: (context) => `the issuer of the certificate (${issuerOf(context)}) is not a trusted CA here`,
    hint: () => NO_SYSTEM_STORE,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    sentence: (context) =>
      `the certificate of ${subjectOf(context)} came without the intermediate certificate that signed it (${issuerOf(context)})`,
    hint: () =>
      `Have the server send its full chain, or give the intermediate as CA file. ${NO_SYSTEM_STORE}`,
  },
  CERT_HAS_EXPIRED: {
    sentence: (context) => {
      const certificate = outOfDate(context, true)
      return certificate === undefined
        ? `the certificate has expired (now ${nowText(context)})`
        : `the certificate of ${certificate.subject} expired: valid from ${certificate.validFrom} until ${certificate.validUntil}, now ${nowText(context)}`
    },
    hint: () => 'Renew the certificate, or check this machine’s clock.',
  },
  CERT_NOT_YET_VALID: {
    sentence: (context) => {
      const certificate = outOfDate(context, false)
      return certificate === undefined
        ? `the certificate is not valid yet (now ${nowText(context)})`
        : `the certificate of ${certificate.subject} is not valid yet: valid from ${certificate.validFrom} until ${certificate.validUntil}, now ${nowText(context)}`
    },
    hint: () => 'Check the clock of this machine and of the one that issued the certificate.',
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    sentence: (context) =>
      `the certificate is for ${names(context)}, not for ${context.servername ?? 'the name asked for'}`,
    hint: () =>
      'Connect by one of the certificate’s names (or set Server name (SNI) to one), or verify the chain only.',
  },
  ERR_SSL_WRONG_VERSION_NUMBER: notTls,
  ERR_SSL_UNEXPECTED_MESSAGE: notTls,
  ERR_SSL_PACKET_LENGTH_TOO_LONG: notTls,
  ERR_SSL_HTTP_REQUEST: {
    sentence: () => 'the client spoke plain HTTP to this TLS port',
    hint: () => 'Use https:// on the client, or turn TLS off for this port.',
  },
  ERR_SSL_UNSUPPORTED_PROTOCOL: noSharedVersion,
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: noSharedVersion,
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: noSharedVersion,
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: clientCertificateRejected,
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: clientCertificateRejected,
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: clientCertificateRejected,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: clientCertificateRejected,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: clientCertificateRejected,
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: {
    sentence: (context) =>
      context.sentCertificate === false
        ? 'the peer broke off the handshake (alert "handshake failure"): it may require a client certificate, or share no cipher with this side'
        : 'the peer broke off the handshake (alert "handshake failure"): it shares no cipher or parameters with this side, or refused the certificate',
    hint: () =>
      'If the server asks for a client certificate, give one; else compare versions and ciphers with openssl s_client.',
  },
  ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: {
    sentence: () => 'client certificate step: the client sent no certificate, and this server requires one',
    hint: () => 'Give the client a certificate, or make the client certificate optional.',
  },
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: {
    sentence: () => 'the peer supports none of the ALPN protocols offered',
    hint: () => 'Offer a protocol the peer knows (for example http/1.1), or leave ALPN empty.',
  },
  ERR_SSL_NO_APPLICATION_PROTOCOL: {
    sentence: () => 'the peer supports none of the ALPN protocols offered',
    hint: () => 'Offer a protocol the peer knows (for example http/1.1), or leave ALPN empty.',
  },
  ERR_TLS_HANDSHAKE_TIMEOUT: {
    sentence: () => 'the TLS handshake did not finish in time',
    hint: () => 'The peer may not speak TLS on this port, or may wait for something else first.',
  },
  [OwnErrorCode.tlsHandshake]: {
    sentence: () => 'the connection closed during the TLS handshake',
    hint: () =>
      'The peer may not speak TLS on this port, or refused this side’s hello (version, cipher, name).',
  },
}

export const isTlsFailureCode = (code: string): boolean => code in explanations

/** A code, a plain sentence and a hint for a TLS failure; unknown codes still name the code. */
export function explainTlsFailure(code: string, context: FailureContext = {}, detail?: string): TlsProblem {
  const explanation = explanations[code]
  if (explanation !== undefined) {
    return { code, message: explanation.sentence(context), hint: explanation.hint(context) }
  }
  return {
    code,
    message: `the TLS handshake or certificate check failed${detail === undefined ? '' : `: ${detail}`}`,
    hint: 'Compare with openssl s_client -connect HOST:PORT to see what the peer offers.',
  }
}

export const problemError = (problem: TlsProblem, sessionId: string): CodedError =>
  new CodedError(problem.code, problem.message, sessionId, problem.hint)
