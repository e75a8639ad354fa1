import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import { PROFILES_SCHEMA_VERSION, profileSchema } from '../../../electron/shared/profiles'
import { listDir, sampleProfile, useTempDirs } from './temp-dir'

// Profiles format 2: a TCP connection may carry `tls`, as file paths only. A version 1 file reads unchanged.

const newTempDir = useTempDirs()

const tlsClient = sampleProfile('TLS lab', {
  connection: {
    ...sampleProfile('x').connection,
    kind: 'tcp-client',
    host: 'device.lab',
    port: 8443,
    tls: {
      verify: 'chain',
      servername: 'device.lab',
      alpn: ['http/1.1'],
      caFiles: ['/etc/lab/ca.pem'],
      certFile: '/etc/lab/client.pem',
      keyFile: '/etc/lab/client.key',
    },
  } as never,
})

describe('profiles format 2 (TLS)', () => {
  it('reads a version 1 file unchanged, keeps a copy, and writes it back as version 2', async () => {
    const dir = await newTempDir()
    const v1Profile = sampleProfile('Plain')
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({ schemaVersion: 1, profiles: [v1Profile], recent: [] }),
    )
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.profiles).toEqual([v1Profile])
    expect(listing.notice?.kind).toBe('migrated')
    expect((await listDir(dir)).some((name) => name.startsWith('profiles.json.v1-'))).toBe(true)
    const onDisk = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')) as { schemaVersion: number }
    expect(onDisk.schemaVersion).toBe(PROFILES_SCHEMA_VERSION)
  })

  it('saves TLS options as file paths and reads them back', async () => {
    const dir = await newTempDir()
    await new ProfileStore({ dataDir: dir }).save({ profile: tlsClient, overwrite: false })
    const [saved] = (await new ProfileStore({ dataDir: dir }).list()).profiles
    expect(saved!.connection).toMatchObject({ tls: { verify: 'chain', keyFile: '/etc/lab/client.key' } })
    const text = await readFile(join(dir, 'profiles.json'), 'utf8')
    expect(text).not.toContain('PRIVATE KEY')
  })

  it('refuses key material in place of a path', () => {
    const withKey = {
      ...tlsClient,
      connection: {
        ...tlsClient.connection,
        tls: { key: '-----BEGIN PRIVATE KEY-----\nMIGH…\n-----END PRIVATE KEY-----' },
      },
    }
    expect(profileSchema.safeParse(withKey).success).toBe(false)
  })
})
