import type { TLSSocket } from 'node:tls'
import type { CertificateSummary, TlsDetails, TlsProblem } from '../../shared'
import { describeLocalCertificate } from './peer-certificate'

export interface HandshakeOutcome {
  side: 'client' | 'server'
  /** SNI: asked for (client) or seen (server). */
  servername: string | undefined
  peerChain: CertificateSummary[]
  /** What verification found; the session may still go on (verification off, optional client certificate). */
  problem: TlsProblem | undefined
}

/** The `tls` step of a finished handshake, as seen from either side. */
export function tlsDetails(socket: TLSSocket, outcome: HandshakeOutcome): TlsDetails {
  const cipher = socket.getCipher()
  const details: TlsDetails = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: { name: cipher.name, standardName: cipher.standardName },
    sessionReused: socket.isSessionReused(),
    peerChain: outcome.peerChain,
    verified: outcome.problem === undefined,
  }
  if (typeof socket.alpnProtocol === 'string') details.alpn = socket.alpnProtocol
  if (outcome.servername !== undefined) details.servername = outcome.servername
  if (outcome.side === 'server') {
    const own = describeLocalCertificate(socket)
    if (own !== undefined) details.localCertificate = own
  }
  if (outcome.problem !== undefined) details.problem = outcome.problem
  return details
}
