import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import {
  ImportError,
  ImportReasonCode,
  importIssuesOf,
  type ImportIssue,
} from '../../../electron/shared/profiles'
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
    expect(report).toEqual({ imported: ['A', 'B'], renamed: [], skipped: [], format: 'socket-workbench' })
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

describe('Packet Sender INI (File → Export Database of Packet Sender 8.1.1)', () => {
  const TCP_UDP_PACKETS = [
    'WHOIS google.com',
    'UDP Multicast',
    'UDP IPv6 localhost macro',
    'UDP IPv4 localhost macro',
    'UDP Broadcast',
    'Telnet RPG',
    'TCP-HTTP packetsender.com',
    'TCP ssh ubuntu.com',
    'TCP connection refused',
    'TCP 138.197.192.84',
    'NTP query',
    'FTP debian.org',
    'DNS example.com',
    'DNS dannagle.com',
  ]

  it('imports every TCP and UDP packet and reports each SSL/HTTP one by entry', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const report = await store.importPacketSender({
      text: await fixture('packet-sender/packetsender-8.1.1-export.ini'),
    })

    expect(report.format).toBe('packet-sender-ini')
    // Every packet has its own endpoint, so each keeps its name; NAMES gives the order.
    expect(report.imported).toEqual(TCP_UDP_PACKETS)
    expect(report.skipped.map((issue) => [issue.entry, issue.name])).toEqual([
      [8, 'TCP-HTTP example.com'],
      [12, 'SSL-HTTPS packetsender.com'],
      [13, 'SSL cert mismatch'],
      [14, 'SMTP Gmail'],
      [15, 'POP3 Yahoo'],
      [17, 'HTTPS Search DuckDuckGo'],
      [18, 'HTTPS POST XML'],
      [19, 'HTTPS POST Params'],
      [20, 'HTTPS POST JSON'],
      [21, 'HTTPS GitHub API'],
      [22, 'HTTP POST Params'],
      [23, 'HTTP GET'],
    ])
    expect(report.skipped[0]!.message).toMatch(/SSL is not supported/)
    expect(report.skipped.at(-1)!.message).toMatch(/HTTP GET is not supported/)

    const byName = new Map((await store.list()).profiles.map((profile) => [profile.name, profile]))
    expect(byName.get('DNS example.com')).toMatchObject({
      connection: { kind: 'udp', remoteHost: '8.8.8.8', remotePort: 53 },
      messages: [
        {
          name: 'DNS example.com',
          encoding: 'hex',
          payload: '91 8b 01 00 00 01 00 00 00 00 00 00 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01',
        },
      ],
    })
    // A quoted hexString with Packet Sender's trailing space.
    expect(byName.get('TCP connection refused')).toMatchObject({
      connection: { kind: 'tcp-client', host: '138.197.192.84', port: 200 },
      messages: [{ payload: '77 69 6c 6c 20 6e 6f 74 20 63 6f 6e 6e 65 63 74 0d 0a' }],
    })
    expect(byName.get('UDP IPv6 localhost macro')!.connection).toMatchObject({
      kind: 'udp',
      type: 'udp6',
      remoteHost: '::1',
    })
    expect(byName.get('UDP Broadcast')!.connection).toMatchObject({ broadcast: true })
    expect(byName.get('Telnet RPG')!.messages).toEqual([
      { name: 'Telnet RPG', payload: '', encoding: 'text', lineEnding: 'none' },
    ])
    // repeat=0 in every packet: sent once, no Repeat setting.
    expect([...byName.values()].every((profile) => profile.messages[0]!.repeat === undefined)).toBe(true)
  })

  it('"Import profiles" recognises the INI and the JSON export and imports them as Packet Sender files', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const ini = await store.importProfiles({
      text: await fixture('packet-sender/packetsender-8.1.1-export.ini'),
    })
    expect(ini.format).toBe('packet-sender-ini')
    expect(ini.imported).toHaveLength(TCP_UDP_PACKETS.length)

    const json = await store.importProfiles({ text: await fixture('packet-sender/packets-export.json') })
    expect(json.format).toBe('packet-sender-json')
    expect(json.imported).toEqual(['Sensor poll', 'TCP 192.168.1.50:8080', 'Wake NAS'])
    expect(json.skipped).toHaveLength(2)
  })

  it("keeps a packet's repeat as the message's Repeat setting (seconds to ms, until stopped)", async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const text = [
      '[NAMES]',
      '1\\name=Every 1.5 s',
      '2\\name=Every 2 s',
      'size=2',
      '',
      '[Every%201.5%20s]',
      'hexString=41',
      'port=7',
      'repeat=@Variant(\\0\\0\\0\\x87?\\xc0\\0\\0)',
      'tcpOrUdp=UDP',
      'toIP=127.0.0.1',
      '',
      '[Every%202%20s]',
      'hexString=42',
      'port=7',
      'repeat=@Variant(\\0\\0\\0\\x87@\\0\\0\\0)',
      'tcpOrUdp=UDP',
      'toIP=127.0.0.1',
    ].join('\n')
    await store.importPacketSender({ text })
    const [profile] = (await store.list()).profiles
    expect(profile!.messages.map((message) => [message.name, message.repeat])).toEqual([
      ['Every 1.5 s', { everyMs: 1500, times: 0 }],
      ['Every 2 s', { everyMs: 2000, times: 0 }],
    ])
  })

  it("refuses a repeat outside the Send panel's range, naming the entry", async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const text = JSON.stringify([
      { name: 'Too fast', toip: '127.0.0.1', port: '7', tcporudp: 'UDP', hexstring: '41', repeat: '0.0004' },
    ])
    const { details } = await importFailure(store.importPacketSender({ text }))
    expect(details).toEqual([
      {
        entry: 1,
        name: 'Too fast',
        reason: {
          code: ImportReasonCode.repeatOutOfRange,
          params: { value: '0.0004', min: 0.001, max: 3600 },
        },
        message: expect.stringMatching(/repeat: 0\.0004 s is not between/) as string,
      },
    ])
  })

  it('still refuses text that is neither format, saying what it expected', async () => {
    const store = new ProfileStore({ dataDir: await newTempDir() })
    const { details } = await importFailure(store.importPacketSender({ text: 'hello=world' }))
    expect(details[0]!.message).toMatch(
      /not a Packet Sender export \(a JSON array of packets, or packets\.ini\)/,
    )
  })
})
