import { eventWordsEn } from '../shared/view/event-words'
import type { CloseCause, Endpoint, ErrorInfo, SessionEvent, TlsDetails } from '../shared'
import { formatEndpoint } from '../core/engine/endpoints'
import type { Ends } from './endpoint-book'

// The default output's lifecycle lines (stderr), in the words an ncat -v user expects.

const at = (endpoint: Endpoint | undefined): string =>
  endpoint === undefined ? '?' : formatEndpoint(endpoint.address, endpoint.port)

const CAUSES: Readonly<Record<CloseCause, string>> = {
  local: 'by us',
  peer: 'by the peer',
  reset: 'by a reset',
  aborted: 'by us with a reset (RST)',
  error: 'after an error',
  timeout: 'after a timeout',
  'server-closed': 'because the server closed',
}

type DropReason = Extract<SessionEvent, { type: 'dropped' }>['reason']

const DROP_REASONS: Readonly<Record<DropReason, string>> = {
  fault: 'the drop fault',
  'held-full': 'too much already waited',
  reset: 'the reset fault reset the pair instead',
}

/** `socket-workbench: CODE: sentence` — the one shape every error line on stderr has (a hint follows a dash). */
export const errorLine = (error: Pick<ErrorInfo, 'code' | 'message' | 'hint'>): string =>
  `socket-workbench: ${error.code}: ${error.message}${error.hint === undefined ? '' : ` — ${error.hint}`}`

/** `tls TLSv1.3 TLS_AES_256_GCM_SHA384, ALPN h2, peer CN=… (issuer …, until …)`, and what verification found. */
function tlsLine(tls: TlsDetails, peer: string): string {
  const parts = [`tls ${tls.protocol} ${tls.cipher.standardName}${peer}`]
  if (tls.alpn !== undefined) parts.push(`ALPN ${tls.alpn}`)
  if (tls.servername !== undefined) parts.push(`SNI ${tls.servername}`)
  const certificate = tls.peerChain[0] ?? tls.localCertificate
  if (certificate !== undefined) {
    const whose = tls.peerChain[0] === undefined ? 'own certificate' : 'peer'
    parts.push(
      `${whose} ${certificate.subject} (issuer ${certificate.issuer}, until ${certificate.validUntil})`,
    )
  }
  const verdict =
    tls.problem === undefined ? '' : `; not verified: ${tls.problem.code}: ${tls.problem.message}`
  return `${parts.join(', ')}${verdict}`
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

const directionWords = (event: SessionEvent): string =>
  event.direction === undefined ? '' : eventWordsEn.direction[event.direction]

/** A relay's chunk as it arrives, before its bytes go to stdout: which way it flows, from whom. */
export const relayDataLine = (event: SessionEvent, ends: Ends): string | undefined =>
  event.type === 'received' && event.direction !== undefined
    ? `${directionWords(event)}: ${plural(event.byteLength, 'byte')} from ${at(ends.remote)}`
    : undefined

/** The stderr line of an event; undefined for events that make none (received data goes to stdout). */
export function lifecycleLine(event: SessionEvent, ends: Ends): string | undefined {
  const peer = event.connectionId === undefined ? '' : ` (${at(ends.remote)})`
  switch (event.type) {
    case 'lookup':
      return `resolved ${event.host} to ${event.address}`
    case 'connect':
      return `connecting to ${at(event.remote)}`
    case 'connected':
      return `connected to ${at(event.remote)} from ${at(event.local)}`
    case 'bind':
      return `bound to ${at(event.local)}`
    case 'listen':
      return `listening on ${at(event.local)}`
    case 'accept':
      return `accepted ${at(event.remote)} on ${at(event.local)}`
    case 'tls':
      return tlsLine(event.tls, peer)
    case 'sent':
      return `sent ${plural(event.byteLength, 'byte')} to ${at(ends.remote)}`
    case 'end':
      return `end of input from ${at(ends.remote)}`
    case 'half-close':
      return `half-closed: sent FIN to ${at(ends.remote)}`
    case 'close':
      if (event.scope === 'listener') return 'stopped listening'
      return ends.remote === undefined
        ? `closed ${CAUSES[event.cause]}`
        : `closed ${at(ends.remote)} ${CAUSES[event.cause]}`
    case 'error':
      return `${errorLine(event.error)}${peer}`
    case 'membership':
      return `${event.action === 'join' ? 'joined' : 'left'} ${event.group}`
    case 'dropped':
      return `dropped ${plural(event.byteLength, 'byte')} ${directionWords(event)}: ${DROP_REASONS[event.reason]}`
    case 'receive-drops':
      return `the kernel dropped ${plural(event.count, 'datagram')}: the receive buffer was full (${event.total} in all)`
    case 'rule':
      return `auto-reply rule ${event.rule} matched`
    case 'socket':
    case 'state':
    case 'received':
    case 'frame':
      return undefined
  }
}
