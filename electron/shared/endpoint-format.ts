import { bareHost } from './bare-host'
import { describeKind } from './kinds'
import type { Endpoint, SessionInfo } from './model'
import type { OpenSessionRequest } from './schemas'

// One way to write an endpoint, for the UI, the CLI and exports alike.

/** "127.0.0.1:9000", or "[::1]:9000" for IPv6 so the port stays unambiguous (also when typed as "[::1]"). */
export function formatHostPort(host: string, port: number): string {
  const bare = bareHost(host)
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`
}

export function formatEndpoint(endpoint: Endpoint): string {
  return formatHostPort(endpoint.address, endpoint.port)
}

/**
 * The endpoint that names a session: where a client connects to, where a server or UDP socket is bound.
 * Before the socket reports it, the requested address (a server without one binds every interface).
 */
export function sessionEndpoint(info: SessionInfo): string {
  const kind = describeKind(info.kind)
  const reported = kind.namedBy === 'remote' ? info.remote : info.local
  if (reported) return formatEndpoint(reported)
  const { host, port } = kind.requestedEndpoint(info.options)
  return formatHostPort(host, port)
}

/**
 * The endpoint a saved connection names, as in the Sessions list: where a client connects, where a server
 * listens, where a UDP socket binds (→ its default destination, when it has one).
 */
export function connectionSummary(connection: OpenSessionRequest): string {
  const kind = describeKind(connection.kind)
  const { host, port } = kind.requestedEndpoint(connection)
  const destination = kind.destination(connection)
  const local = formatHostPort(host, port)
  return destination ? `${local} → ${formatHostPort(destination.host, destination.port)}` : local
}
