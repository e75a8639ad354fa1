import { ProfileLimits, endpointKey, type RecentEndpoint } from '../../shared/profiles'
import type { SessionOptions } from '../../shared'

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
