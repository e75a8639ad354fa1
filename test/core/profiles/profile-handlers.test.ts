import { describe, expect, it } from 'vitest'
import type { HandlerTable } from '../../../electron/core/handler-table'
import { createWorkbench } from '../../../electron/core/workbench'
import { ProfileStore } from '../../../electron/core/profiles'
import type { SessionEngine } from '../../../electron/core/session-engine'
import { decodeWire, encodeWire, type ChannelName, type Result } from '../../../electron/shared'
import { PROFILES_SCHEMA_VERSION, ProfileLimits, importIssuesOf } from '../../../electron/shared/profiles'
import { fixture, sampleProfile, useTempDirs } from './temp-dir'

const newTempDir = useTempDirs()

/** The profile channels never touch the engine; any use of it fails the test loudly. */
const unusedEngine = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error('the engine is not used by profile channels')
    },
  },
) as SessionEngine

async function tableOnTempDir(): Promise<{ table: HandlerTable; store: ProfileStore }> {
  const store = new ProfileStore({ dataDir: await newTempDir() })
  return {
    table: createWorkbench({ dataDir: store.filePath, engine: unusedEngine, profiles: store }).handlers,
    store,
  }
}

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

describe('profile channels', () => {
  it('save, list, rename, duplicate, delete and export through the handler table', async () => {
    const { table } = await tableOnTempDir()
    const saved = await table.saveProfile({ profile: { name: 'Echo', connection: { kind: 'udp' } } })
    expect(saved).toMatchObject({ ok: true, value: { name: 'Echo', connection: { kind: 'udp', port: 0 } } })
    expect(await table.renameProfile({ from: 'Echo', to: 'Echo 2' })).toMatchObject({ ok: true })
    expect(await table.duplicateProfile({ name: 'Echo 2' })).toMatchObject({
      ok: true,
      value: { name: 'Echo 2 (2)' },
    })
    expect(await table.deleteProfile({ name: 'Echo 2' })).toMatchObject({
      ok: true,
      value: { name: 'Echo 2' },
    })
    const listing = await table.listProfiles(undefined)
    expect(listing).toMatchObject({
      ok: true,
      value: { profiles: [{ name: 'Echo 2 (2)' }], recent: [], notice: null },
    })
    const exported = await table.exportProfiles({})
    expect(exported.ok && JSON.parse(exported.value)).toMatchObject({
      schemaVersion: PROFILES_SCHEMA_VERSION,
    })
  })

  it('answers a name clash with EPROFILE_EXISTS so the UI can ask before overwriting', async () => {
    const { table } = await tableOnTempDir()
    const request = { profile: sampleProfile('Echo') }
    await table.saveProfile(request)
    expect(errorOf(await table.saveProfile(request)).code).toBe('EPROFILE_EXISTS')
    expect(await table.saveProfile({ ...request, overwrite: true })).toMatchObject({ ok: true })
  })

  it('carries per-entry import errors through the envelope and the web wire format', async () => {
    const { table } = await tableOnTempDir()
    const result = await table.importProfiles({ text: await fixture('profiles/export-bad-entries.json') })
    const error = errorOf(decodeWire(encodeWire(result)) as Result<unknown>)
    expect(error.code).toBe('EIMPORT')
    expect(importIssuesOf(error)?.map((issue) => issue.entry)).toEqual([2, 3, 4, 5])
  })

  it('imports a Packet Sender export through its channel', async () => {
    const { table } = await tableOnTempDir()
    const result = await table.importPacketSender({
      text: await fixture('packet-sender/packets-export.json'),
    })
    expect(result).toMatchObject({
      ok: true,
      value: { imported: ['Sensor poll', 'TCP 192.168.1.50:8080', 'Wake NAS'] },
    })
  })

  const malformed: [ChannelName, unknown][] = [
    ['listProfiles', { extra: 1 }],
    ['saveProfile', undefined],
    ['saveProfile', { profile: sampleProfile('X'), overwrite: 'yes' }],
    ['saveProfile', { profile: { ...sampleProfile('X'), colour: 'red' } }],
    ['saveProfile', { profile: sampleProfile('Bell\u0007') }],
    ['saveProfile', { profile: sampleProfile('x'.repeat(ProfileLimits.maxNameLength + 1)) }],
    ['saveProfile', { profile: sampleProfile('   ') }],
    [
      'saveProfile',
      {
        profile: {
          ...sampleProfile('X'),
          connection: { kind: 'tcp-client', host: '127.0.0.1', port: 70_000 },
        },
      },
    ],
    [
      'saveProfile',
      {
        profile: {
          ...sampleProfile('X'),
          messages: [{ name: 'm', payload: 'x'.repeat(ProfileLimits.maxPayloadChars + 1) }],
        },
      },
    ],
    [
      'saveProfile',
      JSON.parse(`{"profile": ${JSON.stringify(sampleProfile('X'))}, "__proto__": {"polluted": true}}`),
    ],
    ['renameProfile', { from: 'A' }],
    ['renameProfile', { from: 'A', to: 42 }],
    ['duplicateProfile', { name: '' }],
    ['deleteProfile', 'Echo'],
    ['exportProfiles', { names: 'Echo' }],
    ['importProfiles', { text: 'x'.repeat(ProfileLimits.maxImportChars + 1) }],
    ['importProfiles', { text: { profiles: [] } }],
    ['importPacketSender', {}],
  ]

  it.each(malformed)(
    '%s refuses a malformed payload with ERR_INVALID_REQUEST and changes nothing',
    async (channel, payload) => {
      const { table, store } = await tableOnTempDir()
      await store.save({ profile: sampleProfile('A'), overwrite: false })
      const handler = table[channel] as (payload: unknown) => Promise<Result<unknown>>
      const error = errorOf(await handler(payload))
      expect(error.code).toBe('ERR_INVALID_REQUEST')
      expect(error.message).toMatch(/^Invalid request/)
      expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['A'])
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    },
  )
})
