import type { OpenSessionRequest } from '../../../../electron/shared/schemas'
import { formatHostPort } from '../../lib/endpoint'

/**
 * The endpoint a saved connection names, as in the Sessions list: where a client connects, where a server
 * listens, where a UDP socket binds (→ its default destination, when it has one).
 */
export function connectionSummary(connection: OpenSessionRequest): string {
  switch (connection.kind) {
    case 'tcp-client':
      return formatHostPort(connection.host, connection.port)
    case 'tcp-server':
      return formatHostPort(connection.host ?? '0.0.0.0', connection.port)
    case 'udp': {
      const local = formatHostPort(connection.host ?? '0.0.0.0', connection.port ?? 0)
      const remote =
        connection.remoteHost && connection.remotePort
          ? formatHostPort(connection.remoteHost, connection.remotePort)
          : undefined
      return remote ? `${local} → ${remote}` : local
    }
  }
}
