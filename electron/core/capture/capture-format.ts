import { isDataEvent, type SessionEvent, type SessionInfo } from '../../shared'

// One capture file = JSON Lines: a header line, then one line per event. Payloads are base64 strings so
// every byte value survives; every line ends with '\n', so a file cut anywhere is readable up to its
// last complete line.

export const CAPTURE_FORMAT = 'socket-workbench-capture'
export const CAPTURE_VERSION = 1

export interface CaptureHeader {
  format: typeof CAPTURE_FORMAT
  version: typeof CAPTURE_VERSION
  /** Epoch milliseconds. */
  startedAt: number
  session: Pick<SessionInfo, 'id' | 'kind' | 'options' | 'local' | 'remote'>
  /** Present for a TLS session: its payloads are the plaintext, not the TLS records on the wire. */
  note?: string
}

/** What a capture of a TLS session says about its payloads. */
export const TLS_PLAINTEXT_NOTE =
  'TLS session: payloads are the decrypted plaintext the application sent and received, not the TLS records on the wire'

export function encodeHeader(session: SessionInfo, startedAt: number): string {
  const { id, kind, options, local, remote } = session
  const header: CaptureHeader = {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    startedAt,
    session: { id, kind, options, local, remote },
  }
  if ('tls' in options && options.tls !== undefined) header.note = TLS_PLAINTEXT_NOTE
  return `${JSON.stringify(header)}\n`
}

export function encodeRecord(event: SessionEvent): string {
  if (!isDataEvent(event)) return `${JSON.stringify(event)}\n`
  const { data } = event
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
  return `${JSON.stringify({ ...event, data: base64 })}\n`
}

/** The inverse of encodeRecord: payloads back to bytes. */
export function decodeRecord(record: Record<string, unknown>): SessionEvent {
  const carriesData = record.type === 'sent' || record.type === 'received' || record.type === 'frame'
  if (carriesData && typeof record.data === 'string') {
    return { ...record, data: new Uint8Array(Buffer.from(record.data, 'base64')) } as unknown as SessionEvent
  }
  // Written by encodeRecord from a SessionEvent: the reader trusts the shape and does not re-validate it.
  return record as unknown as SessionEvent
}
