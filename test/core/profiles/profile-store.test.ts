import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import { CodedError } from '../../../electron/shared'
import {
  PROFILES_SCHEMA_VERSION,
  ProfileLimits,
  profilesDocumentSchema,
  saveProfileRequestSchema,
} from '../../../electron/shared/profiles'
import { sampleProfile, useTempDirs } from './temp-dir'

const newTempDir = useTempDirs()

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(CodedError)
  return (error as CodedError).code
}

describe('ProfileStore basics', () => {
  it('round-trips profiles through the file: a second store on the same folder lists them', async () => {
    const dir = await newTempDir()
    const first = new ProfileStore({ dataDir: dir })
    const echo = sampleProfile('Echo')
    const server = sampleProfile('Server', {
      connection: {
        kind: 'tcp-server',
        port: 9100,
        backlog: 511,
        maxConnections: 10,
        ipv6Only: false,
        exclusive: false,
        halfOpen: false,
      },
    })
    await first.save({ profile: echo, overwrite: false })
    await first.save({ profile: server, overwrite: false })

    const second = new ProfileStore({ dataDir: dir })
    const listing = await second.list()
    expect(listing.profiles).toEqual([echo, server])
    expect(listing.notice).toBeNull()
    const onDisk = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')) as unknown
    expect(profilesDocumentSchema.parse(onDisk).schemaVersion).toBe(PROFILES_SCHEMA_VERSION)
  })

  it('starts empty without a notice when there is no file yet', async () => {
    const store = new ProfileStore({ dataDir: join(await newTempDir(), 'not-yet-created') })
    expect(await store.list()).toEqual({ profiles: [], recent: [], notice: null })
    await store.save({ profile: sampleProfile('A'), overwrite: false })
    expect((await new ProfileStore({ dataDir: join(store.filePath, '..') }).list()).profiles).toHaveLength(1)
  })

  it('refuses to replace a profile of the same name unless asked to overwrite', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    await store.save({ profile: sampleProfile('Echo'), overwrite: false })
    const changed = sampleProfile('Echo', { view: { viewAs: 'hex', timestamps: 'absolute' } })
    expect(await rejectionCode(store.save({ profile: changed, overwrite: false }))).toBe('EPROFILE_EXISTS')
    expect((await store.list()).profiles[0]!.view.viewAs).toBe('text')
    await store.save({ profile: changed, overwrite: true })
    expect((await store.list()).profiles).toEqual([changed])
  })

  it('renames, refusing a taken name and an unknown profile', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    await store.save({ profile: sampleProfile('A'), overwrite: false })
    await store.save({ profile: sampleProfile('B'), overwrite: false })
    expect(await rejectionCode(store.rename({ from: 'A', to: 'B' }))).toBe('EPROFILE_EXISTS')
    expect(await rejectionCode(store.rename({ from: 'Nope', to: 'C' }))).toBe('EPROFILE_NOT_FOUND')
    const renamed = await store.rename({ from: 'A', to: 'C' })
    expect(renamed.name).toBe('C')
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['C', 'B'])
  })

  it('duplicates as "Name (2)", "Name (3)", placed after the original', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    await store.save({ profile: sampleProfile('Echo'), overwrite: false })
    await store.save({ profile: sampleProfile('Other'), overwrite: false })
    expect((await store.duplicate({ name: 'Echo' })).name).toBe('Echo (2)')
    expect((await store.duplicate({ name: 'Echo (2)' })).name).toBe('Echo (3)')
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual([
      'Echo',
      'Echo (2)',
      'Echo (3)',
      'Other',
    ])
    expect(await rejectionCode(store.duplicate({ name: 'Missing' }))).toBe('EPROFILE_NOT_FOUND')
  })

  it('deletes and returns the profile, so saving it back undoes the delete', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    const echo = sampleProfile('Echo')
    await store.save({ profile: echo, overwrite: false })
    const deleted = await store.delete({ name: 'Echo' })
    expect(deleted).toEqual(echo)
    expect((await new ProfileStore({ dataDir: dir }).list()).profiles).toEqual([])
    await store.save({ profile: deleted, overwrite: false })
    expect((await new ProfileStore({ dataDir: dir }).list()).profiles).toEqual([echo])
    expect(await rejectionCode(store.delete({ name: 'Ghost' }))).toBe('EPROFILE_NOT_FOUND')
  })

  it('keeps the last 10 opened endpoints, newest first, one entry per endpoint', async () => {
    let now = 1_000
    const store = new ProfileStore({ dataDir: await newTempDir(), clock: () => new Date(now++) })
    for (let port = 1; port <= 12; port++)
      await store.recordRecent({ kind: 'tcp-client', host: '127.0.0.1', port })
    await store.recordRecent({ kind: 'tcp-client', host: '127.0.0.1', port: 5, noDelay: false })
    const { recent } = await store.list()
    expect(recent).toHaveLength(ProfileLimits.maxRecent)
    const ports = recent.map((entry) => (entry.connection.kind === 'tcp-client' ? entry.connection.port : -1))
    expect(ports).toEqual([5, 12, 11, 10, 9, 8, 7, 6, 4, 3])
    expect(recent[0]!.connection).toMatchObject({ noDelay: false })
    expect(recent[0]!.openedAt).toBeGreaterThan(recent[1]!.openedAt)
    expect(await rejectionCode(store.recordRecent({ kind: 'tcp-client', host: '', port: 1 }))).toBe(
      'ERR_INVALID_REQUEST',
    )
  })

  it('keeps an IPv6 address typed as "[::1]" bare, in profiles and recent endpoints, and as one endpoint', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    // As the handler passes it on: parsed with the request schema.
    const connection = { kind: 'udp', host: '[::1]', port: 0, remoteHost: '[::1]', remotePort: 9 } as const
    await store.save(saveProfileRequestSchema.parse({ profile: { name: 'Six', connection } }))
    await store.recordRecent({ kind: 'tcp-client', host: '[::1]', port: 7, localAddress: '[::1]' })
    await store.recordRecent({ kind: 'tcp-client', host: '::1', port: 7, localAddress: '::1' })
    await store.recordRecent({ kind: 'tcp-server', host: '[::1]', port: 8 })
    await store.flushRecent()

    const { profiles, recent } = await new ProfileStore({ dataDir: dir }).list()
    expect(profiles[0]!.connection).toMatchObject({ host: '::1', remoteHost: '::1' })
    expect(recent.map((entry) => entry.connection)).toMatchObject([
      { kind: 'tcp-server', host: '::1', port: 8 },
      { kind: 'tcp-client', host: '::1', port: 7, localAddress: '::1' },
    ])
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('[::1]')
  })

  it('keeps every one of many concurrent saves', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    const names = Array.from({ length: 60 }, (_, i) => `Concurrent ${i}`)
    await Promise.all(names.map((name) => store.save({ profile: sampleProfile(name), overwrite: false })))
    const reloaded = await new ProfileStore({ dataDir: dir }).list()
    expect(reloaded.profiles.map((profile) => profile.name).sort()).toEqual([...names].sort())
  })

  it('keeps serving after a failed operation in the queue', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const results = await Promise.allSettled([
      store.delete({ name: 'missing' }),
      store.save({ profile: sampleProfile('After'), overwrite: false }),
    ])
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled'])
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['After'])
  })

  it('loads and saves 1,000 profiles', async () => {
    const dir = await newTempDir()
    const profiles = Array.from({ length: 1_000 }, (_, i) =>
      sampleProfile(`Device ${i}`, {
        messages: Array.from({ length: 5 }, (_, m) => ({
          name: `m${m}`,
          payload: `payload ${i}/${m}`,
          encoding: 'text' as const,
          lineEnding: 'crlf' as const,
        })),
      }),
    )
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, profiles, recent: [] }))
    const store = new ProfileStore({ dataDir: dir })
    expect((await store.list()).profiles).toHaveLength(1_000)
    await store.save({ profile: sampleProfile('Device 1000'), overwrite: false })
    await store.rename({ from: 'Device 0', to: 'First device' })
    const reloaded = await new ProfileStore({ dataDir: dir }).list()
    expect(reloaded.profiles).toHaveLength(1_001)
    expect(reloaded.profiles[0]!.name).toBe('First device')
    expect(reloaded.profiles[999]).toEqual(profiles[999])
  })

  it('exports all or selected profiles as a versioned document', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    for (const name of ['A', 'B', 'C']) await store.save({ profile: sampleProfile(name), overwrite: false })
    const all = JSON.parse(await store.exportProfiles({})) as {
      schemaVersion: number
      profiles: { name: string }[]
    }
    expect(all.schemaVersion).toBe(PROFILES_SCHEMA_VERSION)
    expect(all.profiles.map((profile) => profile.name)).toEqual(['A', 'B', 'C'])
    const some = JSON.parse(await store.exportProfiles({ names: ['C', 'A'] })) as {
      profiles: { name: string }[]
    }
    expect(some.profiles.map((profile) => profile.name)).toEqual(['C', 'A'])
    expect(await rejectionCode(store.exportProfiles({ names: ['A', 'Z'] }))).toBe('EPROFILE_NOT_FOUND')
  })

  it('refuses a new profile beyond the limit', async () => {
    const dir = await newTempDir()
    const profiles = Array.from({ length: ProfileLimits.maxProfiles }, (_, i) =>
      sampleProfile(`P${i}`, { messages: [] }),
    )
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, profiles }))
    const store = new ProfileStore({ dataDir: dir })
    expect(await rejectionCode(store.save({ profile: sampleProfile('One more'), overwrite: false }))).toBe(
      'ERR_LIMIT',
    )
    expect(await rejectionCode(store.duplicate({ name: 'P1' }))).toBe('ERR_LIMIT')
  })
})
