import { checkServerIdentity, type TLSSocket } from 'node:tls'
import type { CertificateSummary, TlsProblem, VerifyMode } from '../../shared'
import { explainTlsFailure, type FailureContext } from './tls-failures'

/**
 * What verification says about the server's certificate: the chain (OpenSSL's verdict, kept by Node in
 * authorizationError) and, in 'full' and 'off' mode, the name. The handshake always completes with Node's own
 * refusal off, so the chain is in hand to explain a failure, and 'off' can still say what would have failed; no
 * byte of ours is written before this verdict.
 */
export function verifyServer(
  socket: TLSSocket,
  mode: VerifyMode,
  identity: string,
  chain: readonly CertificateSummary[],
  context: FailureContext,
): TlsProblem | undefined {
  const explain = (code: string, detail?: string): TlsProblem =>
    explainTlsFailure(code, { ...context, chain, servername: identity }, detail)
  const chainError = socket.authorizationError as unknown as string | Error | null
  if (chainError !== null && chainError !== undefined) {
    return typeof chainError === 'string'
      ? explain(chainError)
      : explain(codeOf(chainError), chainError.message)
  }
  if (mode === 'chain') return undefined
  const peer = socket.getPeerCertificate()
  if (peer.raw === undefined) return explain('ERR_TLS_CERT_ALTNAME_INVALID')
  const nameError = checkServerIdentity(identity, peer)
  return nameError === undefined ? undefined : explain(codeOf(nameError), nameError.message)
}

/** A client certificate a server asked for: absent, or failing its chain check. */
export function verifyClient(
  socket: TLSSocket,
  chain: readonly CertificateSummary[],
  context: FailureContext,
): TlsProblem | undefined {
  if (chain.length === 0) return explainTlsFailure('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE', context)
  const chainError = socket.authorizationError as unknown as string | Error | null
  if (chainError === null || chainError === undefined) return undefined
  return typeof chainError === 'string'
    ? explainTlsFailure(chainError, { ...context, chain })
    : explainTlsFailure(codeOf(chainError), { ...context, chain }, chainError.message)
}

const codeOf = (error: Error): string => (error as { code?: string }).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID'
