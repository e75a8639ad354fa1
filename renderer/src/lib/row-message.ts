import { formatText } from '../../../electron/shared/codec'
import { isDataEvent, type SessionInfo } from '../../../electron/shared/model'
import { ProfileLimits } from '../../../electron/shared/profiles/limits'
import type { SavedMessage } from '../../../electron/shared/profiles/schema'
import type { SessionOptions } from '../../../electron/shared/schemas'
import { rowData, type LogRow } from '../../../electron/shared/view/log-rows'
import type { SendTarget } from '../stores/send'

// A log row's payload used again: resent, or kept as a saved message (Packet Sender's "Resend" and
// "Save Traffic Packet"). Pure functions: the row and the session in, what to send or save out.

/**
 * The row's whole payload, or undefined when the log holds only its first bytes (the host sends a preview of a
 * large payload to the display; "Record to file" keeps every byte).
 */
export function fullPayload(row: LogRow): Uint8Array | undefined {
  const data = rowData(row)
  return data !== undefined && data.byteLength === row.bytes ? data : undefined
}

/**
 * Where resending a row goes: to the row's peer. A sent row goes where it went; a received row goes back to
 * whoever sent it (a server's client by its connection, a datagram to its sender's address).
 */
export function resendTarget(row: LogRow, session: SessionInfo): SendTarget {
  const base = { sessionId: session.id }
  const { event } = row
  switch (session.capabilities.sendTarget) {
    case 'connection':
      return event.connectionId === undefined ? base : { ...base, connectionId: event.connectionId }
    case 'datagram':
      return isDataEvent(event) && event.remote !== undefined
        ? { ...base, remoteHost: event.remote.address, remotePort: event.remote.port }
        : base
    case 'session':
      return base
  }
}

/**
 * The connection a row saved as a message belongs to: a datagram session's destination becomes the row's peer
 * (for a received row its source: source and destination swapped, as Packet Sender saves a traffic packet);
 * a connection's peer is already the session's.
 */
export function savedConnection(row: LogRow, session: SessionInfo): SessionOptions {
  const { event } = row
  if (session.capabilities.sendTarget !== 'datagram' || !isDataEvent(event) || event.remote === undefined) {
    return session.options
  }
  // A datagram session's options name their destination in remoteHost/remotePort (the UDP schema); the
  // capability, not the kind, says so, and the compiler cannot follow that.
  return {
    ...session.options,
    remoteHost: event.remote.address,
    remotePort: event.remote.port,
  } as SessionOptions
}

/** The row's bytes as a saved text message (escapes where not text: it encodes back to the same bytes). */
export function rowMessage(data: Uint8Array, name: string): SavedMessage | undefined {
  const payload = formatText(data)
  if (payload.length > ProfileLimits.maxPayloadChars) return undefined
  return { name, payload, encoding: 'text', lineEnding: 'none' }
}
