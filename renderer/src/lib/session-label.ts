import type { SessionInfo } from '../../../electron/shared/model'
import { formatEndpoint, formatHostPort } from './endpoint'

/**
 * The endpoint that names a session: where a client connects to, where a server or UDP socket is bound.
 * Before the socket reports it, the requested address (a server without one binds every interface).
 */
export function sessionEndpoint(info: SessionInfo): string {
  const { options } = info
  if (options.kind === 'tcp-client') {
    return info.remote ? formatEndpoint(info.remote) : formatHostPort(options.host, options.port)
  }
  return info.local ? formatEndpoint(info.local) : formatHostPort(options.host ?? '0.0.0.0', options.port)
}
