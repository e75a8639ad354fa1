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

type OuterShape = { profiles: unknown; recent: unknown }

/**
 * From each version to the next, applied in order to a file's profiles and recent endpoints. What a version adds
 * is optional, so most steps change nothing; they are the record of what changed.
 */
const STEPS: Readonly<Record<number, (document: OuterShape) => OuterShape>> = {
  // v1 → v2: a connection may carry `autoReply` (auto-reply rules and echo), a TCP connection `tls`, and a saved
  // message `expandMacros`; absent means none, plain TCP and off.
  1: (document) => document,
}

/** The oldest version with the current outer shape (`schemaVersion`, `profiles`, `recent`). */
const FIRST_VERSIONED = 1

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

/** `document`, of format `version`, brought to the current format one step at a time. */
function upgradeFrom(version: number, document: OuterShape): OuterShape {
  let upgraded = document
  for (let step = version; step < PROFILES_SCHEMA_VERSION; step++) upgraded = STEPS[step]!(upgraded)
  return upgraded
}

/** Recognises the version of a parsed file and brings it to the current outer shape. */
export function upgradeDocument(raw: unknown): DocumentShape {
  if (Array.isArray(raw)) {
    const document = { profiles: raw.map(migrateV0Profile), recent: [] }
    return { kind: 'readable', fromVersion: 0, document: upgradeFrom(FIRST_VERSIONED, document) }
  }
  if (!isEntry(raw) || !Number.isInteger(raw.schemaVersion)) return { kind: 'unknown' }
  const version = raw.schemaVersion as number
  if (version > PROFILES_SCHEMA_VERSION) return { kind: 'newer', fromVersion: version }
  if (version < FIRST_VERSIONED) return { kind: 'unknown' }
  const document = { profiles: raw.profiles, recent: raw.recent ?? [] }
  return { kind: 'readable', fromVersion: version, document: upgradeFrom(version, document) }
}
