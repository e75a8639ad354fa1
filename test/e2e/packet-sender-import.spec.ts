import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../helpers/web-host'
import { UdpPeer } from './peers'
import { SessionView, exactly } from './workbench'

// A Packet Sender user brings their saved packets: File → Export Database of Packet Sender 8.1.1 writes
// packets.ini (QSettings INI). "Import profiles" must recognise it, import what maps and say what it left out.

const FIXTURE = fileURLToPath(
  new URL('../fixtures/packet-sender/packetsender-8.1.1-export.ini', import.meta.url),
)

async function chooseImportFile(app: Page, button: string, path: string): Promise<void> {
  const [chooser] = await Promise.all([
    app.waitForEvent('filechooser'),
    app.getByRole('button', { name: exactly(button) }).click(),
  ])
  await chooser.setFiles(path)
}

const profiles = (app: Page): Locator => app.getByRole('list', { name: exactly('Profiles') })

let tempDir: string | undefined
test.afterEach(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true })
  tempDir = undefined
})

test('"Import profiles" reads Packet Sender\'s packets.ini: TCP/UDP packets imported, SSL/HTTP listed per entry', async ({
  app,
}) => {
  await chooseImportFile(app, 'Import profiles', FIXTURE)
  const report = app.getByRole('status').filter({ hasText: /imported 14 profiles/i })
  await expect(report).toBeVisible()
  await expect(report).toContainText('Read as a Packet Sender database (packets.ini).')
  await expect(report).toContainText('Entry 23 (HTTP GET) was skipped: Protocol HTTP GET is not supported')
  await expect(report.getByRole('listitem')).toHaveCount(12)
  await expect(app.getByRole('alert')).toHaveCount(0)
  await expect(profiles(app).getByRole('listitem')).toHaveCount(14)
  await expect(profiles(app).getByRole('listitem', { name: exactly('DNS example.com') })).toBeVisible()
})

test('a packet imported from packets.ini is a quick-send button that sends its bytes', async ({ app }) => {
  const peer = await UdpPeer.bind('127.0.0.1')
  try {
    tempDir = await mkdtemp(join(tmpdir(), 'workbench-e2e-packets-'))
    const ini = join(tempDir, 'packets.ini')
    await writeFile(
      ini,
      [
        '[NAMES]',
        '1\\name=Sensor poll',
        'size=1',
        '',
        '[Sensor%20poll]',
        'hexString="de ad be ef "',
        'name=Sensor poll',
        `port=${peer.port}`,
        'repeat=@Variant(\\0\\0\\0\\x87\\0\\0\\0\\0)',
        'tcpOrUdp=UDP',
        'toIP=127.0.0.1',
      ].join('\n'),
    )
    await chooseImportFile(app, 'Import Packet Sender', ini)
    await expect(app.getByRole('status').filter({ hasText: /imported 1 profile\./i })).toBeVisible()

    const item = profiles(app).getByRole('listitem', { name: exactly('Sensor poll') })
    await item.getByRole('button', { name: exactly('Open now') }).click()
    const session = new SessionView(app, 'UDP')
    await session.expectState('bound')
    await session.region
      .getByRole('group', { name: 'Quick send' })
      .getByRole('button', { name: 'Sensor poll' })
      .click()
    const datagram = await peer.received()
    expect([...datagram.data]).toEqual([0xde, 0xad, 0xbe, 0xef])
  } finally {
    peer.close()
  }
})

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR' })

  test('the reasons an import gives are Korean: packets left out of packets.ini, a corrupt file', async ({
    app,
  }) => {
    await chooseImportFile(app, '프로필 가져오기', FIXTURE)
    const report = app.getByRole('status').filter({ hasText: /Packet Sender/ })
    await expect(report).toContainText(
      '23번 항목(HTTP GET)은 건너뛰었습니다: HTTP GET 프로토콜은 지원하지 않습니다(TCP와 UDP 패킷만 가져옵니다).',
    )
    await expect(report).not.toContainText('not supported')

    tempDir = await mkdtemp(join(tmpdir(), 'workbench-e2e-packets-'))
    const corrupt = join(tempDir, 'profiles.json')
    await writeFile(corrupt, '{"schemaVersion": 2, "profiles": [')
    await chooseImportFile(app, '프로필 가져오기', corrupt)
    const alert = app.getByRole('alert').filter({ hasText: 'EIMPORT' })
    await expect(alert.getByRole('listitem')).toHaveText(['파일: 올바른 JSON 파일이 아닙니다.'])
  })
})
