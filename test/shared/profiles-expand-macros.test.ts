import { describe, expect, it } from 'vitest'
import {
  PROFILES_SCHEMA_VERSION,
  profilesDocumentSchema,
  savedMessageSchema,
  upgradeDocument,
} from '../../electron/shared/profiles'

// Schema 2 (issue 17): a saved message may keep its "Expand macros" flag. A version 1 file reads unchanged.

const v1Document = {
  schemaVersion: 1,
  profiles: [
    {
      name: 'Modbus',
      connection: { kind: 'udp' },
      messages: [{ name: 'read', payload: '01 03 00 00 00 0a', encoding: 'hex', lineEnding: 'none' }],
    },
  ],
}

describe('saved messages and Expand macros', () => {
  it('a version 1 document upgrades to the current one with its messages as they were', () => {
    expect(PROFILES_SCHEMA_VERSION).toBe(2)
    const shape = upgradeDocument(v1Document)
    if (shape.kind !== 'readable') throw new Error(`expected readable, got ${shape.kind}`)
    expect(shape.fromVersion).toBe(1)
    const parsed = profilesDocumentSchema.parse({ schemaVersion: PROFILES_SCHEMA_VERSION, ...shape.document })
    expect(parsed.profiles[0]!.messages[0]).toEqual(v1Document.profiles[0]!.messages[0])
    expect(parsed.profiles[0]!.messages[0]!.expandMacros).toBeUndefined()
  })

  it('keeps the flag when set', () => {
    const message = { name: 'poll', payload: '01 03 {{u16be:counter}} {{crc16-modbus}}', encoding: 'hex' }
    expect(savedMessageSchema.parse({ ...message, expandMacros: true }).expandMacros).toBe(true)
    expect(savedMessageSchema.parse(message).expandMacros).toBeUndefined()
  })

  it('refuses a flag that is not a boolean', () => {
    expect(savedMessageSchema.safeParse({ name: 'x', payload: '', expandMacros: 'yes' }).success).toBe(false)
  })

  it('a newer version than ours is still refused', () => {
    expect(upgradeDocument({ ...v1Document, schemaVersion: PROFILES_SCHEMA_VERSION + 1 }).kind).toBe('newer')
  })
})
