import type { Server } from 'node:http'
import type { Socket } from 'node:net'

// Without limits ~1,100 slow connections (no token needed) exhausted the host's file descriptors and kept the page
// from its user for a minute, and 500 authenticated clients starved the engine. Every connection that is not yet
// an authenticated WebSocket counts as unauthenticated; past their cap the oldest is dropped, so a flood of new
// connections pushes out its own kind while a user's fresh page load still gets through.

export const WebLimitDefaults = {
  /** Connections that are not (yet) an authenticated WebSocket: page loads, probes, slow or idle clients. */
  maxUnauthenticated: 128,
  /** Authenticated WebSocket clients (browser tabs); one more is refused with 503. */
  maxClients: 16,
  /** Time a client has to send its request headers. */
  headersTimeoutMs: 10_000,
  /** Time a client has to send its whole request. */
  requestTimeoutMs: 20_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above (its default, 30 s, lets slow clients linger). */
  timeoutCheckMs: 1_000,
} as const

export type WebLimits = { [K in keyof typeof WebLimitDefaults]: number }

/** Options for `createServer`: the timeouts that are only settable there. */
export function serverTimeoutOptions(limits: WebLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckMs,
  }
}

export interface ConnectionLimiter {
  /** The socket became an authenticated WebSocket: it no longer counts against the unauthenticated cap. */
  authenticated(socket: Socket): void
  /** Whether one more authenticated client may connect. */
  clientSlotFree(clients: number): boolean
}

/** Caps the server's unauthenticated connections (dropping the oldest, after `onDrop`) and counts client slots. */
export function limitConnections(
  server: Server,
  limits: WebLimits,
  onDrop: (socket: Socket) => void,
): ConnectionLimiter {
  // A Set keeps insertion order: the first entry is the oldest connection.
  const unauthenticated = new Set<Socket>()

  server.on('connection', (socket: Socket) => {
    unauthenticated.add(socket)
    socket.once('close', () => unauthenticated.delete(socket))
    if (unauthenticated.size <= limits.maxUnauthenticated) return
    const oldest = unauthenticated.values().next().value as Socket
    unauthenticated.delete(oldest)
    onDrop(oldest)
    oldest.destroy()
  })

  return {
    authenticated: (socket) => void unauthenticated.delete(socket),
    clientSlotFree: (clients) => clients < limits.maxClients,
  }
}
