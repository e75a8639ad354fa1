import { PROFILES_SCHEMA_VERSION } from './schema'

// Older file formats, upgraded on load and on import. Version 0 (before `schemaVersion` existed) was a bare
// array of profiles: { name, mode, options: {…connection without kind…}, quickSends: [{ label, data, hex }],
// viewHex }. The README documents only the current format; this file is the record of the old ones.

export type DocumentShape =
  /** `document` has the current outer shape and its entries were upgraded (still to be validated). */
  | { kind: 'readable'; fromVersion: number; document: { profiles: unknown; recent: unknown } }
  | { kind: 'newer'; fromVersion: number }
  | { kind: 'unknown' }

type Entry = Record<string, unknown>

const isEntry = (value: unknown): value is Entry =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Maps one v0 profile to the v1 shape; fields it does not recognise are left for validation to refuse. */
export function migrateV0Profile(entry: unknown): unknown {
  if (!isEntry(entry)) return entry
  const { name, mode, options, quickSends, viewHex } = entry
  return {
    name,
    connection: { kind: mode, ...(isEntry(options) ? options : {}) },
    messages: Array.isArray(quickSends)
      ? quickSends.map((send: unknown) =>
          isEntry(send)
            ? {
                name: send.label,
                payload: send.data,
                encoding: send.hex === true ? 'hex' : 'text',
                lineEnding: 'none',
              }
            : send,
        )
      : [],
    view: { viewAs: viewHex === true ? 'hex' : 'text', timestamps: 'relative' },
  }
}

/** Recognises the version of a parsed file and brings it to the current outer shape. */
export function upgradeDocument(raw: unknown): DocumentShape {
  if (Array.isArray(raw)) {
    return { kind: 'readable', fromVersion: 0, document: { profiles: raw.map(migrateV0Profile), recent: [] } }
  }
  if (!isEntry(raw) || !Number.isInteger(raw.schemaVersion)) return { kind: 'unknown' }
  const version = raw.schemaVersion as number
  if (version > PROFILES_SCHEMA_VERSION) return { kind: 'newer', fromVersion: version }
  // v1 → v2 changes no entry: v2 only added the optional `tls` of a TCP connection (absent: plain TCP).
  if (version < 1) return { kind: 'unknown' }
  return {
    kind: 'readable',
    fromVersion: version,
    document: { profiles: raw.profiles, recent: raw.recent ?? [] },
  }
}
