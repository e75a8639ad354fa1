import { formatEndpoint } from '../endpoint-format'
import type { TlsDetails } from '../tls/tls-details'
import type { LoggedEvent } from './log-rows'

/** Protocol and cipher, what ALPN agreed on, and what verification found (or would have refused). */
function describeTls(tls: TlsDetails): string {
  const parts = [tls.protocol, tls.cipher.standardName]
  if (tls.alpn !== undefined) parts.push(`ALPN ${tls.alpn}`)
  if (tls.servername !== undefined) parts.push(`SNI ${tls.servername}`)
  if (tls.problem !== undefined) parts.push(`${tls.problem.code}: ${tls.problem.message}`)
  return parts.join(' · ')
}

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** The detail column of a lifecycle row, in the user's language. Data rows show their payload instead. */
export function describeEvent(event: LoggedEvent, t: Translate): string {
  switch (event.type) {
    case 'socket':
      return [event.protocol.toUpperCase(), event.family].filter(Boolean).join(' ')
    case 'lookup':
      return `${event.host} → ${event.address}`
    case 'connect':
      return t('detail.connect')
    case 'connected':
      return t('detail.connected', {
        local: formatEndpoint(event.local),
        latency: event.latencyMs.toFixed(1),
      })
    case 'bind':
      return t('detail.bind', { local: formatEndpoint(event.local) })
    case 'listen':
      return t('detail.listen', { local: formatEndpoint(event.local), backlog: event.backlog })
    case 'accept':
      return t('detail.accept', { local: formatEndpoint(event.local) })
    case 'end':
      return t('detail.end')
    case 'half-close':
      return t('detail.halfClose')
    case 'close':
      return t('detail.close', { scope: t(`scope.${event.scope}`), cause: t(`cause.${event.cause}`) })
    case 'tls':
      return describeTls(event.tls)
    case 'error':
      return `${event.error.code}: ${event.error.message}`
    case 'membership':
      return [event.action, event.group, event.iface].filter(Boolean).join(' ')
    case 'dropped':
      return t(`detail.dropped.${event.reason}`, { bytes: event.byteLength })
    case 'receive-drops':
      return t('detail.receiveDrops', { count: event.count, total: event.total })
    case 'sent':
    case 'received':
    case 'frame':
      return ''
  }
}
