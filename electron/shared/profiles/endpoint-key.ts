import type { SessionOptions } from '../schemas'

/**
 * What makes two connections "the same endpoint" to a user: mode and addresses, not tuning options.
 * Recent endpoints are deduplicated by it, and a session finds its profile's quick-send messages by it.
 */
export function endpointKey(connection: SessionOptions): string {
  switch (connection.kind) {
    case 'tcp-client':
      return JSON.stringify([
        connection.kind,
        connection.host,
        connection.port,
        connection.localAddress,
        connection.localPort,
      ])
    case 'tcp-server':
      return JSON.stringify([connection.kind, connection.host, connection.port])
    case 'udp':
      return JSON.stringify([
        connection.kind,
        connection.host,
        connection.port,
        connection.remoteHost,
        connection.remotePort,
      ])
  }
}
