import type { Endpoint, SessionEvent } from '../shared'
import { eventWordsEn } from '../shared/view/event-words'
import { formatEndpoint } from '../core/engine/endpoints'
import type { Ends } from './endpoint-book'

// --json: one event per line with the contract's fields (CLI-CONTRACT.md, Output): type, time (ISO 8601),
// session, connection, local/remote as host:port ([::1]:port for IPv6), bytes, payloads as lower-case hex.

export type JsonValue = string | number | boolean | undefined | JsonValue[] | { [key: string]: JsonValue }
export type JsonRecord = Record<string, JsonValue>

const address = (endpoint: Endpoint | undefined): string | undefined =>
  endpoint === undefined ? undefined : formatEndpoint(endpoint.address, endpoint.port)

const hexOf = (data: Uint8Array): string =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex')

/** The fields that belong to each event type, after the common ones. */
function detailsOf(event: SessionEvent, ends: Ends): JsonRecord | undefined {
  switch (event.type) {
    case 'socket':
      return { protocol: event.protocol, family: event.family }
    case 'lookup':
      return { host: event.host, address: event.address, family: event.family }
    case 'connect':
      return { remote: address(event.remote) }
    case 'connected':
      return { local: address(event.local), remote: address(event.remote), latencyMs: event.latencyMs }
    case 'bind':
      return { local: address(event.local) }
    case 'listen':
      return { local: address(event.local), backlog: event.backlog }
    case 'accept':
      return { local: address(event.local), remote: address(event.remote) }
    case 'tls':
      // The same fields as the app's event: protocol, cipher, alpn, servername, sessionReused, peerChain, ….
      return { ...(event.tls as unknown as Record<string, JsonValue>) }
    case 'sent':
    case 'received':
    case 'frame':
      return {
        local: address(ends.local),
        remote: address(ends.remote),
        bytes: event.byteLength,
        hex: hexOf(event.data),
      }
    case 'end':
    case 'half-close':
      return { local: address(ends.local), remote: address(ends.remote) }
    case 'close':
      return {
        scope: event.scope,
        cause: event.cause,
        local: address(ends.local),
        remote: address(ends.remote),
      }
    case 'error':
      return { code: event.error.code, message: event.error.message, hint: event.error.hint }
    case 'membership':
      return { action: event.action, group: event.group, iface: event.iface }
    case 'dropped':
      return { bytes: event.byteLength, reason: event.reason }
    case 'receive-drops':
      return { count: event.count, total: event.total, local: address(ends.local) }
    case 'rule':
      return { rule: event.rule, local: address(ends.local), remote: address(ends.remote) }
    case 'state':
      // The state follows from the lifecycle lines; the app shows it as a badge, not a log row.
      return undefined
  }
}

/** The JSON Lines record of an event, or undefined for events that make no line. */
export function toJsonRecord(event: SessionEvent, ends: Ends): JsonRecord | undefined {
  const details = detailsOf(event, ends)
  if (details === undefined) return undefined
  return {
    type: event.type,
    time: new Date(event.time).toISOString(),
    session: event.sessionId,
    connection: event.connectionId,
    // Relays: which socket of the pair, and which way the bytes flow ("to upstream", "to client").
    leg: event.leg,
    direction: event.direction === undefined ? undefined : eventWordsEn.direction[event.direction],
    ...details,
  }
}

/** One line of JSON (undefined fields left out) with its newline. */
export const jsonLine = (record: JsonRecord): string => `${JSON.stringify(record)}\n`
