import { bareHost } from '../bare-host'
import type { OpenSessionRequest } from '../schemas'

// An IPv6 address may be typed as "[::1]" (the notation of "host:port"); the engine accepts both. What is kept
// (profiles, recent endpoints) holds the bare address, so nothing is shown as "[[::1]]:9000".

/** The address fields of every kind's options (the remote, the bind address, a default destination). */
const ADDRESS_FIELDS = ['host', 'localAddress', 'remoteHost', 'upstreamHost'] as const

/** The connection with the brackets taken off each of its addresses. */
export function withBareHosts<T extends OpenSessionRequest>(connection: T): T {
  const bare: Record<string, unknown> = { ...connection }
  for (const field of ADDRESS_FIELDS) {
    const value = bare[field]
    if (typeof value === 'string') bare[field] = bareHost(value)
  }
  return bare as T
}

export { bareHost }
