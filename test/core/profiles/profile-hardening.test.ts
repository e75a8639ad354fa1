import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ProfileStore, nodeFileSystem, type ProfileFileSystem } from '../../../electron/core/profiles'
import { CodedError, OwnErrorCode } from '../../../electron/shared'
import {
  ImportReasonCode,
  MAX_REPORTED_ISSUES,
  PROFILES_SCHEMA_VERSION,
  ProfileErrorCode,
  profileNameSchema,
  profileSchema,
} from '../../../electron/shared/profiles'
import { sampleProfile, useTempDirs } from './temp-dir'

const newTempDir = useTempDirs()

async function rejection(promise: Promise<unknown>): Promise<CodedError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(CodedError)
  return error as CodedError
}

const fileText = (names: string[]): string =>
  JSON.stringify({
    schemaVersion: PROFILES_SCHEMA_VERSION,
    profiles: names.map((name) => sampleProfile(name)),
    recent: [],
  })

describe('profiles file hardening', () => {
  it('loads a file saved with a UTF-8 byte order mark, and imports one', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    await writeFile(store.filePath, `\uFEFF${fileText(['Echo'])}`)
    const listing = await store.list()
    expect(listing.profiles.map((profile) => profile.name)).toEqual(['Echo'])
    expect(listing.notice).toBeNull()
    expect(await store.importProfiles({ text: `\uFEFF${fileText(['Other'])}` })).toMatchObject({
      imported: ['Other'],
    })
  })

  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a zero-width space', 'Ec\u200Bho'],
    ['a zero-width joiner', 'Ec\u200Dho'],
    ['an isolate', 'a\u2066b\u2069'],
    ['a left-to-right mark', 'Echo\u200E'],
    ['a byte order mark inside', 'Ec\uFEFFho'],
  ])('refuses a name with %s, when saved and when imported', async (_what, name) => {
    expect(profileNameSchema.safeParse(name).success).toBe(false)
    expect(profileSchema.safeParse(sampleProfile(name)).success).toBe(false)
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const error = await rejection(store.importProfiles({ text: fileText([name]) }))
    expect(error.code).toBe(ProfileErrorCode.import)
    expect(error.message).toMatch(/invisible or text-direction/)
  })

  it('accepts names in other scripts', () => {
    for (const name of ['에코 서버', 'Écho', 'سرور', 'エコー'])
      expect(profileNameSchema.safeParse(name).success).toBe(true)
  })

  it('refuses a change that would grow the file past its cap, and changes nothing', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir, maxFileBytes: 64 * 1024 })
    await store.save({ profile: sampleProfile('Small'), overwrite: false })
    const before = await readFile(store.filePath, 'utf8')
    const big = sampleProfile('Big', {
      messages: [{ name: 'blob', payload: 'x'.repeat(80 * 1024), encoding: 'text', lineEnding: 'none' }],
    })
    const error = await rejection(store.save({ profile: big, overwrite: false }))
    expect(error.code).toBe(OwnErrorCode.limit)
    expect(error.message).toMatch(/over its limit of 0\.1 MiB; nothing was changed/)
    expect(await readFile(store.filePath, 'utf8')).toBe(before)
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['Small'])
  })

  it('notes recent endpoints at once and writes fifty of them as one rewrite of the file', async () => {
    const dir = await newTempDir()
    let writes = 0
    let written: () => void = () => undefined
    const fileSystem: ProfileFileSystem = {
      ...nodeFileSystem,
      async writeNewSynced(path, text) {
        await nodeFileSystem.writeNewSynced(path, text)
        writes += 1
        written()
      },
    }
    const store = new ProfileStore({ dataDir: dir, fileSystem, recentWriteDelayMs: 50 })
    const firstWrite = new Promise<void>((resolve) => (written = resolve))
    for (let port = 1; port <= 50; port++) {
      await store.recordRecent({ kind: 'tcp-client', host: '127.0.0.1', port })
    }
    expect(writes).toBe(0)
    expect((await store.list()).recent[0]?.connection).toMatchObject({ port: 50 })
    await firstWrite
    await store.list() // queued after the write: the file is in place once this answers
    expect(writes).toBe(1)
    const onDisk = JSON.parse(await readFile(store.filePath, 'utf8')) as {
      recent: { connection: { port: number } }[]
    }
    expect(onDisk.recent[0]?.connection.port).toBe(50)
    await store.flushRecent()
    expect(writes).toBe(1)
  })

  it('writes noted endpoints with the next change, and on flush', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir, recentWriteDelayMs: 60_000 })
    await store.recordRecent({ kind: 'tcp-client', host: '127.0.0.1', port: 7 })
    await store.save({ profile: sampleProfile('Echo'), overwrite: false })
    expect(JSON.parse(await readFile(store.filePath, 'utf8'))).toMatchObject({
      recent: [{ connection: { port: 7 } }],
    })
    await store.recordRecent({ kind: 'tcp-client', host: '127.0.0.1', port: 8 })
    await store.flushRecent()
    expect(JSON.parse(await readFile(store.filePath, 'utf8'))).toMatchObject({
      recent: [{ connection: { port: 8 } }, { connection: { port: 7 } }],
    })
  })

  it('reports at most the first skipped packets of an import, then how many more', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const packets = [
      { name: 'hello', tcporudp: 'tcp', toip: '127.0.0.1', port: '7', hexstring: '68 69' },
      ...Array.from({ length: 3_000 }, (_, n) => ({
        name: `tls ${n}`,
        tcporudp: 'ssl',
        toip: '127.0.0.1',
        port: '443',
      })),
    ]
    const report = await store.importPacketSender({ text: JSON.stringify(packets) })
    expect(report.imported).toHaveLength(1)
    expect(report.skipped).toHaveLength(MAX_REPORTED_ISSUES + 1)
    expect(report.skipped.at(-1)).toEqual({
      entry: null,
      reason: { code: ImportReasonCode.more, params: { count: 2_900 } },
      message: 'And 2,900 more problems.',
    })
  })
})
