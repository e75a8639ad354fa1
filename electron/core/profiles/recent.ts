import { ProfileLimits, type RecentEndpoint } from '../../shared/profiles'
import type { SessionOptions } from '../../shared'

/** What makes two opened sessions "the same endpoint" to the user: mode and addresses, not tuning options. */
function endpointKey(connection: SessionOptions): string {
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

/** The recent list with `connection` first (its latest options win), deduplicated, at most the limit long. */
export function withRecent(
  recent: RecentEndpoint[],
  connection: SessionOptions,
  openedAt: number,
): RecentEndpoint[] {
  const key = endpointKey(connection)
  const others = recent.filter((entry) => endpointKey(entry.connection) !== key)
  return [{ connection, openedAt }, ...others].slice(0, ProfileLimits.maxRecent)
}
