import { expect, test } from '@playwright/test'
import { startWebHost, type WebHostProcess } from '../helpers/web-host'
import { UdpPeer, freeTcpPort, freeUdpPort } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14, "Host lost / page reloaded (web mode)".

let hosts: WebHostProcess[] = []
let peer: UdpPeer | undefined
test.afterEach(async () => {
  peer?.close()
  peer = undefined
  for (const host of hosts) await host.stop()
  hosts = []
})

test('when the host dies its sessions say so at once; when it comes back with a new token the page says to open its new address', async ({
  page,
}) => {
  const port = await freeTcpPort()
  const first = await startWebHost({ port })
  hosts.push(first)
  await page.goto(first.url)
  const session = await new Workbench(page).bindUdp('127.0.0.1', await freeUdpPort())
  await session.expectState('bound')

  await first.stop()
  await expect(session.item).toHaveAccessibleName(/unknown: host lost/)
  await expect(
    page.getByRole('status').filter({ hasText: 'Lost the connection to the web host' }),
  ).toBeVisible()
  const uptime = session.region.locator('dt:text-is("Uptime") + dd')
  const stopped = await uptime.textContent()

  const second = await startWebHost({ port, dataDir: first.dataDir })
  hosts.push(second)
  expect(second.token).not.toBe(first.token)
  await expect(
    page.getByRole('alert').filter({ hasText: 'The host restarted: open its new address' }),
  ).toBeVisible()
  // Seconds went by while the second host started: the uptime did not count them.
  await expect(uptime).toHaveText(stopped!)

  // Its new address works, opened in the same tab (only the hash changes).
  await page.goto(second.url)
  await expect(page.getByRole('form', { name: /New session/ })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('when the host comes back on another port the page stops "Reconnecting…" and says the host is gone', async ({
  page,
}) => {
  const first = await startWebHost()
  hosts.push(first)
  await page.goto(first.url)
  const session = await new Workbench(page).bindUdp('127.0.0.1', await freeUdpPort())
  await session.expectState('bound')

  await first.stop()
  const second = await startWebHost({ dataDir: first.dataDir })
  hosts.push(second)
  expect(second.port).not.toBe(first.port)
  const reconnecting = page.getByRole('status').filter({ hasText: 'Reconnecting' })
  await expect(reconnecting).toBeVisible()
  // Nothing answers at the old address any more: after its bounded retries (about 10 s) the page says so.
  await expect(page.getByRole('alert').filter({ hasText: 'The host is gone' })).toContainText(
    'open the address it printed',
    { timeout: 30_000 },
  )
  await expect(reconnecting).toHaveCount(0)
  await expect(session.item).toHaveAccessibleName(/unknown: host lost/)

  // Its new address works.
  await page.goto(second.url)
  await expect(page.getByRole('form', { name: /New session/ })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('after a page reload the counters are exact and the log says plainly that earlier history is not available', async ({
  page,
}) => {
  const host = await startWebHost()
  hosts.push(host)
  await page.goto(host.url)
  peer = await UdpPeer.bind('127.0.0.1')
  const udpPort = await freeUdpPort()
  const session = await new Workbench(page).bindUdp('127.0.0.1', udpPort)
  await session.expectState('bound')
  await peer.send('before the reload', udpPort, '127.0.0.1')
  await expect(session.log).toContainText('before the reload')
  await expect(session.log).not.toContainText('History before this page was loaded')

  await page.reload()
  await session.item.click()
  await expect(session.counter('Bytes received')).toHaveText('17')
  await expect(session.log).toContainText('History before this page was loaded is not available')
  await peer.send('after', udpPort, '127.0.0.1')
  await expect(session.log).toContainText('after')
  await expect(
    session.region.getByRole('note').filter({
      hasText: exactly('History before this page was loaded is not available; the counters are exact.'),
    }),
  ).toBeVisible()
})
