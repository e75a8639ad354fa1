import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore, nodeFileSystem, type ProfileFileSystem } from '../../../electron/core/profiles'
import { CodedError } from '../../../electron/shared'
import { profilesDocumentSchema } from '../../../electron/shared/profiles'
import { fixture, listDir, sampleProfile, useTempDirs } from './temp-dir'

const newTempDir = useTempDirs()
const fixedClock = () => new Date('2026-01-02T03:04:05.678Z')

/** A folder whose profiles.json holds A, and whose backup holds the state before A was renamed. */
async function folderWithBackup(): Promise<string> {
  const dir = await newTempDir()
  const store = new ProfileStore({ dataDir: dir })
  await store.save({ profile: sampleProfile('Kept in backup'), overwrite: false })
  await store.save({ profile: sampleProfile('Only in latest'), overwrite: false })
  return dir
}

describe('ProfileStore recovery from a damaged file', () => {
  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['garbage', () => '\u0000\u0001not json at all'],
    ['empty', () => ''],
    ['wrong shape', () => JSON.stringify({ schemaVersion: 1, profiles: [{ name: 'x' }] })],
  ])('moves a %s file aside, keeps it, loads the backup and says so', async (_label, damage) => {
    const dir = await folderWithBackup()
    const file = join(dir, 'profiles.json')
    const damaged = damage(await readFile(file, 'utf8'))
    await writeFile(file, damaged)

    const listing = await new ProfileStore({ dataDir: dir, clock: fixedClock }).list()

    expect(listing.profiles.map((profile) => profile.name)).toEqual(['Kept in backup'])
    expect(listing.notice?.kind).toBe('restored-from-backup')
    expect(listing.notice?.message).toMatch(
      /could not be used.*kept as profiles\.json\.corrupt-2026-01-02T03-04-05-678Z/,
    )
    const keptAs = join(dir, 'profiles.json.corrupt-2026-01-02T03-04-05-678Z')
    expect(listing.notice?.keptFiles).toEqual([keptAs])
    expect(await readFile(keptAs, 'utf8')).toBe(damaged)
    // The restored state was written back as a whole, valid file.
    const restored = profilesDocumentSchema.parse(JSON.parse(await readFile(file, 'utf8')))
    expect(restored.profiles.map((profile) => profile.name)).toEqual(['Kept in backup'])
  })

  it('starts empty with a notice, keeping both files, when the backup is damaged too', async () => {
    const dir = await folderWithBackup()
    await writeFile(join(dir, 'profiles.json'), '{"schemaVersion": 1, "profi')
    await writeFile(join(dir, 'profiles.json.bak'), 'also broken')

    const store = new ProfileStore({ dataDir: dir, clock: fixedClock })
    const listing = await store.list()

    expect(listing.profiles).toEqual([])
    expect(listing.notice?.kind).toBe('started-empty')
    expect(listing.notice?.message).toMatch(/nothing was deleted/)
    expect(await listDir(dir)).toEqual([
      'profiles.json.bak.corrupt-2026-01-02T03-04-05-678Z',
      'profiles.json.corrupt-2026-01-02T03-04-05-678Z',
    ])
    // Saving afterwards works and does not touch the kept files.
    await store.save({ profile: sampleProfile('Fresh'), overwrite: false })
    await store.save({ profile: sampleProfile('Fresher'), overwrite: false })
    expect(await readFile(join(dir, 'profiles.json.bak.corrupt-2026-01-02T03-04-05-678Z'), 'utf8')).toBe(
      'also broken',
    )
  })

  it('loads the backup when the file itself is missing', async () => {
    const dir = await folderWithBackup()
    await nodeFileSystem.unlink(join(dir, 'profiles.json'))
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.profiles.map((profile) => profile.name)).toEqual(['Kept in backup'])
    expect(listing.notice?.kind).toBe('restored-from-backup')
  })

  it('never picks the same aside name twice', async () => {
    const dir = await newTempDir()
    for (let round = 0; round < 2; round++) {
      await writeFile(join(dir, 'profiles.json'), 'broken')
      await new ProfileStore({ dataDir: dir, clock: fixedClock }).list()
    }
    expect((await listDir(dir)).filter((name) => name.startsWith('profiles.json.corrupt-'))).toHaveLength(2)
  })

  it('leaves a file from a newer version untouched and refuses changes', async () => {
    const dir = await newTempDir()
    const newer = JSON.stringify({ schemaVersion: 99, profiles: [], somethingNew: true })
    await writeFile(join(dir, 'profiles.json'), newer)
    const store = new ProfileStore({ dataDir: dir })
    const listing = await store.list()
    expect(listing.notice?.kind).toBe('read-only')
    expect(listing.notice?.message).toMatch(/newer version/)
    const refused = await store
      .save({ profile: sampleProfile('X'), overwrite: false })
      .catch((error: unknown) => error)
    expect((refused as CodedError).code).toBe('EPROFILE_READONLY')
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(newer)
  })
})

describe('ProfileStore crash safety', () => {
  it('keeps the old file intact when the process fails between the temp write and the rename', async () => {
    const dir = await newTempDir()
    const file = join(dir, 'profiles.json')
    await new ProfileStore({ dataDir: dir }).save({ profile: sampleProfile('Old'), overwrite: false })
    const before = await readFile(file, 'utf8')
    const crashing: ProfileFileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (to === file) throw Object.assign(new Error('simulated crash'), { code: 'EIO' })
        return nodeFileSystem.rename(from, to)
      },
    }
    const store = new ProfileStore({ dataDir: dir, fileSystem: crashing })

    const error = await store
      .save({ profile: sampleProfile('New'), overwrite: false })
      .catch((thrown: unknown) => thrown)

    expect(error).toBeInstanceOf(CodedError)
    expect((error as CodedError).code).toBe('EIO')
    expect(await readFile(file, 'utf8')).toBe(before)
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['Old'])
    expect((await listDir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([])
  })

  it('ignores and removes a temp file a killed save left behind', async () => {
    const dir = await newTempDir()
    await new ProfileStore({ dataDir: dir }).save({ profile: sampleProfile('Committed'), overwrite: false })
    await writeFile(join(dir, 'profiles.json.tmp-4242-1'), '{"schemaVersion": 1, "profiles": [{"na')
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.profiles.map((profile) => profile.name)).toEqual(['Committed'])
    expect(listing.notice).toBeNull()
    expect(await listDir(dir)).toEqual(['profiles.json'])
  })

  it('backs up the previous file by copying where hard links are not supported', async () => {
    const dir = await newTempDir()
    const noLinks: ProfileFileSystem = {
      ...nodeFileSystem,
      link: async () => {
        throw Object.assign(new Error('not supported'), { code: 'EPERM' })
      },
    }
    const store = new ProfileStore({ dataDir: dir, fileSystem: noLinks })
    await store.save({ profile: sampleProfile('First'), overwrite: false })
    await store.save({ profile: sampleProfile('Second'), overwrite: false })
    const backup = profilesDocumentSchema.parse(
      JSON.parse(await readFile(join(dir, 'profiles.json.bak'), 'utf8')),
    )
    expect(backup.profiles.map((profile) => profile.name)).toEqual(['First'])
  })
})

describe('ProfileStore migration', () => {
  it('upgrades the v0 fixture, keeping the original file', async () => {
    const dir = await newTempDir()
    const original = await fixture('profiles/v0-profiles.json')
    await writeFile(join(dir, 'profiles.json'), original)

    const listing = await new ProfileStore({ dataDir: dir, clock: fixedClock }).list()

    expect(listing.notice?.kind).toBe('migrated')
    const keptAs = join(dir, 'profiles.json.v0-2026-01-02T03-04-05-678Z')
    expect(listing.notice?.keptFiles).toEqual([keptAs])
    expect(await readFile(keptAs, 'utf8')).toBe(original)
    expect(listing.profiles.map((profile) => [profile.name, profile.connection.kind])).toEqual([
      ['Echo server', 'tcp-client'],
      ['Listener', 'tcp-server'],
      ['Syslog', 'udp'],
    ])
    expect(listing.profiles[0]!.messages).toEqual([
      { name: 'hello', payload: 'hello\\n', encoding: 'text', lineEnding: 'none' },
      { name: 'bytes', payload: 'de ad be ef', encoding: 'hex', lineEnding: 'none' },
    ])
    expect(listing.profiles[0]!.view.viewAs).toBe('hex')
    expect(listing.profiles[1]!.connection).toMatchObject({ host: '0.0.0.0', port: 9000, backlog: 64 })
    expect(listing.profiles[2]!.connection).toMatchObject({ remoteHost: '10.0.0.2', remotePort: 514 })
    // The migrated document is what is on disk now.
    const onDisk = profilesDocumentSchema.parse(
      JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')),
    )
    expect(onDisk.profiles).toEqual(listing.profiles)
    expect((await new ProfileStore({ dataDir: dir }).list()).notice).toBeNull()
  })

  it('does not replace an old-format file whose copy could not be kept', async () => {
    const dir = await newTempDir()
    const original = await fixture('profiles/v0-profiles.json')
    await writeFile(join(dir, 'profiles.json'), original)
    const noCopies: ProfileFileSystem = {
      ...nodeFileSystem,
      copyNew: async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
      },
    }
    const store = new ProfileStore({ dataDir: dir, fileSystem: noCopies })
    const listing = await store.list()
    expect(listing.notice?.kind).toBe('read-only')
    expect(listing.profiles).toHaveLength(3)
    await expect(store.delete({ name: 'Syslog' })).rejects.toMatchObject({ code: 'EPROFILE_READONLY' })
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(original)
  })
})
