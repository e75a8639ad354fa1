import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import { ImportError, importIssuesOf, type ImportIssue } from '../../../electron/shared/profiles'
import { fixture, sampleProfile, useTempDirs } from './temp-dir'

const newTempDir = useTempDirs()

async function importFailure(
  promise: Promise<unknown>,
): Promise<{ message: string; details: ImportIssue[] }> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(ImportError)
  const info = (error as ImportError).toInfo()
  expect(info.code).toBe('EIMPORT')
  return { message: info.message, details: importIssuesOf(info) ?? [] }
}

describe('export then import', () => {
  it('moves profiles from one data folder to another unchanged', async () => {
    const source = new ProfileStore({ dataDir: await newTempDir() })
    const profiles = [
      sampleProfile('A'),
      sampleProfile('B', { view: { viewAs: 'hex', timestamps: 'absolute' } }),
    ]
    for (const profile of profiles) await source.save({ profile, overwrite: false })
    const text = await source.exportProfiles({})

    const target = new ProfileStore({ dataDir: await newTempDir() })
    const report = await target.importProfiles({ text })
    expect(report).toEqual({ imported: ['A', 'B'], renamed: [], skipped: [] })
    expect((await target.list()).profiles).toEqual(profiles)
  })

  it('renames clashing names to "Name (2)", also clashes inside the file', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    await store.save({ profile: sampleProfile('Echo'), overwrite: false })
    const text = JSON.stringify({
      schemaVersion: 1,
      profiles: [sampleProfile('Echo'), sampleProfile('Echo'), sampleProfile('New')],
    })
    const report = await store.importProfiles({ text })
    expect(report.imported).toEqual(['Echo (2)', 'Echo (3)', 'New'])
    expect(report.renamed).toEqual([
      { from: 'Echo', to: 'Echo (2)' },
      { from: 'Echo', to: 'Echo (3)' },
    ])
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual([
      'Echo',
      'Echo (2)',
      'Echo (3)',
      'New',
    ])
  })

  it('imports the valid fixture with defaults filled in', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    await store.importProfiles({ text: await fixture('profiles/export-valid.json') })
    const [echo, multicast] = (await store.list()).profiles
    expect(echo!.view.timestamps).toBe('absolute')
    expect(echo!.connection).toMatchObject({ kind: 'tcp-client', connectTimeoutMs: 10_000 })
    expect(multicast!.messages).toEqual([])
    expect(multicast!.connection).toMatchObject({ kind: 'udp', multicastGroups: [{ group: '224.0.0.251' }] })
  })

  it('imports a v0 file by migrating each entry', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const report = await store.importProfiles({ text: await fixture('profiles/v0-profiles.json') })
    expect(report.imported).toEqual(['Echo server', 'Listener', 'Syslog'])
  })

  it('refuses a file with bad entries as a whole, listing each bad entry, and changes nothing', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    await store.save({ profile: sampleProfile('Existing'), overwrite: false })
    const before = await readFile(join(dir, 'profiles.json'), 'utf8')

    const { message, details } = await importFailure(
      store.importProfiles({ text: await fixture('profiles/export-bad-entries.json') }),
    )

    expect(details.map((issue) => [issue.entry, issue.name])).toEqual([
      [2, 'Bad port'],
      [3, 'Unknown field'],
      [4, undefined],
      [5, 'Bad encoding'],
    ])
    expect(details[0]!.message).toMatch(/^connection\.port: /)
    expect(details[1]!.message).toMatch(/colour/)
    expect(details[2]!.message).toMatch(/^name: /)
    expect(details[3]!.message).toMatch(/^messages\.0\.encoding: /)
    expect(message).toMatch(/^Nothing was imported\. Entry 2 \(Bad port\): connection\.port/)
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(before)
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['Existing'])
  })

  it.each([
    ['not JSON', '{"schemaVersion": 1, "profiles": [', /not valid JSON/],
    ['empty text', '', /not valid JSON/],
    ['another JSON document', '{"hello": "world"}', /not a Socket Workbench profiles export/],
    ['no profiles', '{"schemaVersion": 1, "profiles": []}', /no profiles/],
    ['a newer format', '{"schemaVersion": 7, "profiles": []}', /newer version \(format 7\)/],
  ])('refuses %s with a file-level reason', async (_label, text, reason) => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const { details } = await importFailure(store.importProfiles({ text }))
    expect(details).toHaveLength(1)
    expect(details[0]!.entry).toBeNull()
    expect(details[0]!.message).toMatch(reason)
  })
})

describe('Packet Sender import', () => {
  it('turns the sample export into one profile per endpoint with its packets as saved messages', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const report = await store.importPacketSender({
      text: await fixture('packet-sender/packets-export.json'),
    })

    expect(report.imported).toEqual(['Sensor poll', 'TCP 192.168.1.50:8080', 'Wake NAS'])
    expect(report.skipped.map((issue) => [issue.entry, issue.name])).toEqual([
      [5, 'Secure hello'],
      [6, 'Status page'],
    ])
    expect(report.skipped[1]!.message).toMatch(/HTTP GET is not supported/)

    const [sensor, web, wake] = (await store.list()).profiles
    expect(sensor!.connection).toMatchObject({ kind: 'udp', remoteHost: '10.0.0.7', remotePort: 5005 })
    // Packet Sender's ASCII view escapes bytes as \HH; ours is \xHH.
    expect(sensor!.messages).toEqual([
      { name: 'Sensor poll', payload: 'Sensor\\x00poll\\r\\n', encoding: 'text', lineEnding: 'none' },
    ])
    expect(web!.connection).toMatchObject({ kind: 'tcp-client', host: '192.168.1.50', port: 8080 })
    expect(web!.messages).toEqual([
      { name: 'Ping', payload: '70 69 6e 67 0a', encoding: 'hex', lineEnding: 'none' },
      {
        name: 'HTTP GET raw',
        payload: '47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a 0d 0a',
        encoding: 'hex',
        lineEnding: 'none',
      },
    ])
    expect(wake!.connection).toMatchObject({
      kind: 'udp',
      remoteHost: '255.255.255.255',
      remotePort: 9,
      broadcast: true,
    })
    expect(wake!.messages[0]!.payload).toBe('ff ff ff ff ff ff')
  })

  it('accepts camelCase keys, numeric ports and unspaced hex', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const text = JSON.stringify([
      { name: 'Hand made', toIP: '::1', toPort: 7, tcpOrUdp: 'tcp', hexString: '0x41 0x42 c' },
    ])
    await store.importPacketSender({ text })
    const [profile] = (await store.list()).profiles
    expect(profile!.connection).toMatchObject({ kind: 'tcp-client', host: '::1', port: 7 })
    expect(profile!.messages[0]!.payload).toBe('41 42 0c')
  })

  it('refuses a file with bad packets as a whole, listing each', async () => {
    const dir = await newTempDir()
    const store = new ProfileStore({ dataDir: dir })
    const { details } = await importFailure(
      store.importPacketSender({ text: await fixture('packet-sender/packets-bad.json') }),
    )
    expect(details.map((issue) => [issue.entry, issue.name])).toEqual([
      [1, 'No host'],
      [3, 'Odd hex'],
      [4, 'Port zero'],
    ])
    expect(details[1]!.message).toMatch(/not valid hex/)
    expect((await store.list()).profiles).toEqual([])
  })

  it.each([
    ['our own export', '{"schemaVersion": 1, "profiles": []}', /not a Packet Sender export/],
    [
      'only unsupported packets',
      '[{"name": "x", "tcporudp": "SSL", "toip": "h", "port": "1"}]',
      /no packets we can import/,
    ],
  ])('refuses %s', async (_label, text, reason) => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const { details } = await importFailure(store.importPacketSender({ text }))
    expect(details[0]!.message).toMatch(reason)
  })
})
