import { autoReplyOf } from '../../../electron/shared/schemas'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import {
  PROFILES_SCHEMA_VERSION,
  profileSchema,
  upgradeDocument,
  type Profile,
} from '../../../electron/shared/profiles'
import { sampleProfile, useTempDirs } from './temp-dir'

// Auto-reply rules are saved in profiles (format 2): in the connection, beside its framing. A version 1 file reads
// unchanged (a connection without `autoReply` has none) and is kept aside when upgraded.

const newTempDir = useTempDirs()

const server = (name: string): Profile =>
  profileSchema.parse({
    name,
    connection: {
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 7000,
      framing: { mode: 'delimiter', delimiter: '\\n' },
      autoReply: {
        rules: [
          { matchType: 'contains', match: 'ping', reply: 'pong\\n' },
          { matchType: 'regex', match: '^GET (\\w+)$', reply: '{{1}}', delayMs: 250, enabled: false },
          { matchType: 'hex', match: '01 03 ?? ??', reply: '01 83 02', replyEncoding: 'hex' },
        ],
        echo: true,
      },
    },
  })

describe('auto-reply rules in profiles', () => {
  it('is format 2', () => {
    expect(PROFILES_SCHEMA_VERSION).toBe(2)
  })

  it('saves the rules and echo, and a new store reads them back as they were', async () => {
    const dir = await newTempDir()
    const profile = server('Device simulator')
    await new ProfileStore({ dataDir: dir }).save({ profile, overwrite: false })
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.profiles).toEqual([profile])
    const onDisk = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')) as {
      schemaVersion: number
      profiles: Profile[]
    }
    expect(onDisk.schemaVersion).toBe(2)
    expect(autoReplyOf(onDisk.profiles[0]!.connection)?.rules[1]).toEqual({
      matchType: 'regex',
      match: '^GET (\\w+)$',
      reply: '{{1}}',
      replyEncoding: 'text',
      delayMs: 250,
      enabled: false,
    })
  })

  it('export and import carry the rules', async () => {
    const source = new ProfileStore({ dataDir: await newTempDir() })
    await source.save({ profile: server('Sim'), overwrite: false })
    const target = new ProfileStore({ dataDir: await newTempDir() })
    await target.importProfiles({ text: await source.exportProfiles({}) })
    expect((await target.list()).profiles).toEqual([server('Sim')])
  })

  it('upgrades a version 1 file: its profiles read unchanged, the original is kept aside', async () => {
    const dir = await newTempDir()
    const v1 = { schemaVersion: 1, profiles: [sampleProfile('Old client')], recent: [] }
    await writeFile(join(dir, 'profiles.json'), JSON.stringify(v1))
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.profiles).toEqual(v1.profiles)
    expect(listing.profiles[0]!.connection).not.toHaveProperty('autoReply')
    expect(listing.notice?.kind).toBe('migrated')
    const kept = (await readdir(dir)).filter((name) => name.startsWith('profiles.json.v1-'))
    expect(kept).toHaveLength(1)
    expect(JSON.parse(await readFile(join(dir, kept[0]!), 'utf8'))).toEqual(v1)
    const rewritten = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')) as {
      schemaVersion: number
    }
    expect(rewritten.schemaVersion).toBe(2)
  })

  it('refuses a saved rule that cannot be read, naming it', () => {
    const parsed = profileSchema.safeParse({
      name: 'Bad',
      connection: { kind: 'udp', autoReply: { rules: [{ matchType: 'regex', match: '(' }] } },
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['connection', 'autoReply', 'rules', 0, 'match'])
  })

  it('reads versions 0 to 2 and calls a version 3 file newer', () => {
    expect(upgradeDocument({ schemaVersion: 1, profiles: [] })).toMatchObject({
      kind: 'readable',
      fromVersion: 1,
    })
    expect(upgradeDocument({ schemaVersion: 2, profiles: [] })).toMatchObject({
      kind: 'readable',
      fromVersion: 2,
    })
    expect(upgradeDocument([])).toMatchObject({ kind: 'readable', fromVersion: 0 })
    expect(upgradeDocument({ schemaVersion: 3, profiles: [] })).toEqual({ kind: 'newer', fromVersion: 3 })
  })
})
