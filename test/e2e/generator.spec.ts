import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'
import { Workbench, exactly, screenshotBothThemes } from './workbench'

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('a UDP generator at 500 msg/s for 2 s: the node receiver gets 1,000 and the UI says so', async ({
  app,
}) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const workbench = new Workbench(app)
  const port = await freeUdpPort()
  const udp = await workbench.bindUdp('127.0.0.1', port, { host: '127.0.0.1', port: peer.port })
  await udp.expectState('bound')

  const generator = udp.region.getByRole('region', { name: exactly('Generator') })
  await generator.getByRole('textbox', { name: exactly('Rate (msg/s)') }).fill('500')
  await generator.getByRole('textbox', { name: exactly('Size (bytes)') }).fill('64')
  await generator.getByRole('textbox', { name: exactly('Count') }).fill('')
  await generator.getByRole('textbox', { name: exactly('Duration (s)') }).fill('2')
  await expect(generator.getByRole('checkbox', { name: exactly('Measure') })).not.toBeChecked()
  await generator.getByRole('button', { name: exactly('Start generator') }).click()
  await expect(generator.getByRole('button', { name: exactly('Stop generator') })).toBeVisible()

  await expect(generator.getByLabel('Sent', { exact: true })).toHaveText('1,000', { timeout: 15_000 })
  await expect(generator.getByRole('button', { name: exactly('Start generator') })).toBeVisible()
  const achieved = (await generator.getByLabel('Achieved rate', { exact: true }).textContent()) ?? ''
  const rate = Number(achieved.replace(/[^\d.]/g, ''))
  expect(rate).toBeGreaterThan(450)
  expect(rate).toBeLessThan(550)
  await expect.poll(() => peer!.datagrams.length).toBe(1_000)
  await udp.expectCount('Bytes sent', 64_000)
  await expect(generator.getByLabel('RTT p50', { exact: true })).toHaveText('—')
  await expect(generator.getByLabel('Lost', { exact: true })).toHaveText('—')
  // Generated datagrams are sends like any other: rows in the log (a sample under a flood, not at 500 msg/s).
  await udp.expectEntry('sent', `127.0.0.1:${peer.port}`, '64')
  // The kernel's drop count for the session's receive buffer (Linux says; elsewhere "not known on this OS").
  await expect(udp.region.getByLabel('Kernel drops', { exact: true })).toHaveText(
    process.platform === 'linux' ? '0' : 'not known on this OS',
  )
  await screenshotBothThemes(app, 'generator')
})
