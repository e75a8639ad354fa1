import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startWebHost } from '../helpers/web-host'
import { skipWithoutTools } from './needs-tools'
import { Socat, freeTcpPort } from './peers'
import { SessionView, Workbench, choose, endpoint, exactly, screenshotBothThemes } from './workbench'

// Auto-reply as a person sets it up: a Contains rule on a TCP server's New session form; an outside client (socat)
// sends a matching line and gets the reply, the session shows "matched 1", and the rule comes back with the profile
// after the host restarts on the same data folder.

skipWithoutTools(['socat'], 'the auto-reply journey')

const dataDirs: string[] = []
const stops: Array<() => Promise<unknown>> = []
const peers: Socat[] = []

test.afterEach(async () => {
  for (const peer of peers.splice(0)) peer.stop()
  for (const stop of stops.splice(0)) await stop().catch(() => undefined)
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function startHost(page: Page, dataDir: string) {
  const host = await startWebHost({ dataDir })
  stops.push(() => host.stop())
  await page.goto(host.url)
  return host
}

const autoReply = (scope: Locator): Locator => scope.getByRole('region', { name: exactly('Auto-reply') })
const rule = (scope: Locator, number: number): Locator =>
  autoReply(scope).getByRole('listitem', { name: exactly(`Rule ${number}`) })

test('a Contains rule answers an outside client, counts "matched 1", and survives a profile save and reopen', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'workbench-e2e-auto-reply-'))
  dataDirs.push(dataDir)
  const host = await startHost(page, dataDir)
  const workbench = new Workbench(page)
  const port = await freeTcpPort()

  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(port))
  await workbench.form.getByText('Auto-reply', { exact: true }).click()
  await autoReply(workbench.form)
    .getByRole('button', { name: exactly('Add rule') })
    .click()
  const formRule = rule(workbench.form, 1)
  await choose(formRule, exactly('Match type'), 'Contains')
  await formRule.getByRole('textbox', { name: exactly('Match') }).fill('ping')
  await formRule.getByRole('textbox', { name: exactly('Reply') }).fill('pong\\n')
  await expect(formRule.getByRole('combobox', { name: exactly('Reply encoding') })).toHaveValue('text')
  await expect(formRule.getByRole('textbox', { name: exactly('Delay (ms)') })).toHaveValue('0')
  await expect(formRule.getByRole('checkbox', { name: exactly('Enabled') })).toBeChecked()
  await expect(autoReply(workbench.form).getByRole('checkbox', { name: exactly('Echo') })).not.toBeChecked()

  await workbench.form.getByRole('button', { name: exactly('Listen') }).click()
  const server = new SessionView(page, `TCP server ${endpoint('127.0.0.1', port)}`)
  await server.expectState('listening')
  await expect(rule(server.region, 1)).toContainText('matched 0')

  const client = await Socat.connect(`TCP4:127.0.0.1:${port}`)
  peers.push(client)
  client.write('say ping please\n')
  expect((await client.inbox.take(5, 'the reply at socat')).toString()).toBe('pong\n')
  await expect(rule(server.region, 1)).toContainText('matched 1')
  await server.expectEntry(/\bsent\b/i, 'pong')
  await rule(server.region, 1).scrollIntoViewIfNeeded()
  await screenshotBothThemes(page, 'auto-reply')

  await page.getByRole('button', { name: exactly('Save profile') }).click()
  await page.getByRole('textbox', { name: exactly('Profile name') }).fill('Ping responder')
  await page.getByRole('button', { name: exactly('Save') }).click()
  const profile = page
    .getByRole('list', { name: exactly('Profiles') })
    .getByRole('listitem', { name: exactly('Ping responder') })
  await expect(profile).toBeVisible()

  // A new host on the same folder, a fresh page: the form has no rule until the profile is opened.
  client.stop()
  await host.stop()
  await startHost(page, dataDir)
  await expect(rule(workbench.form, 1)).toHaveCount(0)
  await profile.getByRole('button', { name: exactly('Open') }).click()
  const reopened = rule(workbench.form, 1)
  await expect(reopened.getByRole('combobox', { name: exactly('Match type') })).toHaveValue('contains')
  await expect(reopened.getByRole('textbox', { name: exactly('Match') })).toHaveValue('ping')
  await expect(reopened.getByRole('textbox', { name: exactly('Reply') })).toHaveValue('pong\\n')
  await expect(reopened.getByRole('checkbox', { name: exactly('Enabled') })).toBeChecked()
})
