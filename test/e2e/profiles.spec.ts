import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startWebHost } from '../helpers/web-host'
import { freeTcpPort, freeUdpPort, TcpServerPeer } from './peers'
import { containing, exactly, Workbench } from './workbench'

// Profiles must outlive the host: each journey stops the web host and starts a new one on the same --data-dir.

interface Host {
  url: string
  stop(): Promise<void>
}

const running = new Set<Host>()
const dataDirs: string[] = []

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'workbench-e2e-profiles-'))
  dataDirs.push(dir)
  return dir
}

async function startHost(dataDir: string): Promise<Host> {
  const process = await startWebHost({ dataDir })
  const host: Host = {
    url: process.url,
    async stop() {
      running.delete(host)
      // The host closes its sockets and store on SIGTERM; a clean exit is part of "restart".
      expect(await process.stop(), `web host exit code; stderr:\n${process.stderr()}`).toBe(0)
    },
  }
  running.add(host)
  return host
}

/** Stops the host on `dataDir` and serves the page from a new host on the same folder. */
async function restart(page: Page, host: Host, dataDir: string): Promise<Host> {
  await host.stop()
  const next = await startHost(dataDir)
  await page.goto(next.url)
  return next
}

test.afterEach(async () => {
  for (const host of [...running]) await host.stop().catch(() => undefined)
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

const profileList = (page: Page): Locator => page.getByRole('list', { name: exactly('Profiles') })
const profile = (page: Page, name: string): Locator =>
  profileList(page).getByRole('listitem', { name: exactly(name) })
const recentList = (page: Page): Locator => page.getByRole('list', { name: exactly('Recent') })

async function saveProfile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: exactly('Save profile') }).click()
  await page.getByRole('textbox', { name: exactly('Profile name') }).fill(name)
  await page.getByRole('button', { name: exactly('Save') }).click()
  await expect(profile(page, name)).toBeVisible()
}

test('saved profiles are listed after a host restart on the same data dir, and opening one fills the form', async ({
  page,
}) => {
  const dataDir = await newDataDir()
  let host = await startHost(dataDir)
  await page.goto(host.url)
  const workbench = new Workbench(page)
  const [serverPort, udpPort, udpRemotePort] = [await freeTcpPort(), await freeUdpPort(), await freeUdpPort()]

  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(serverPort))
  await saveProfile(page, 'Echo server')

  await workbench.chooseMode('UDP')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(udpPort))
  await workbench.field('Remote host').fill('127.0.0.1')
  await workbench.field('Remote port').fill(String(udpRemotePort))
  await saveProfile(page, 'Beacon')

  host = await restart(page, host, dataDir)

  await expect(profile(page, 'Echo server')).toBeVisible()
  await expect(profile(page, 'Beacon')).toBeVisible()
  await expect(profileList(page).getByRole('listitem')).toHaveCount(2)
  // A fresh page: the form is not in TCP server mode until the profile says so.
  await expect(workbench.form.getByRole('button', { name: exactly('Listen') })).toHaveCount(0)

  await profile(page, 'Echo server')
    .getByRole('button', { name: exactly('Open') })
    .click()
  await expect(workbench.form.getByRole('button', { name: exactly('Listen') })).toBeVisible()
  await expect(workbench.field('Bind address')).toHaveValue('127.0.0.1')
  await expect(workbench.field('Local port')).toHaveValue(String(serverPort))

  // Activating the item by its name fills the form as well.
  await profile(page, 'Beacon')
    .getByRole('button', { name: exactly('Beacon') })
    .click()
  await expect(workbench.form.getByRole('button', { name: exactly('Bind') })).toBeVisible()
  await expect(workbench.field('Bind address')).toHaveValue('127.0.0.1')
  await expect(workbench.field('Local port')).toHaveValue(String(udpPort))
  await expect(workbench.field('Remote host')).toHaveValue('127.0.0.1')
  await expect(workbench.field('Remote port')).toHaveValue(String(udpRemotePort))

  // The filled form is a working one: the server profile opens a listening socket.
  await profile(page, 'Echo server')
    .getByRole('button', { name: exactly('Open') })
    .click()
  const server = await workbench.listen('127.0.0.1', serverPort)
  await server.expectState('listening')
})

test('an opened session is offered under Recent after a host restart', async ({ page }) => {
  const dataDir = await newDataDir()
  let host = await startHost(dataDir)
  await page.goto(host.url)
  const workbench = new Workbench(page)
  const peer = await TcpServerPeer.listen('127.0.0.1')
  try {
    const label = `TCP client 127.0.0.1:${peer.port}`
    const client = await workbench.connect('127.0.0.1', peer.port)
    await client.expectState('connected')
    await peer.accepted(0)
    await expect(recentList(page).getByRole('listitem', { name: containing(label) })).toBeVisible()

    host = await restart(page, host, dataDir)

    const recent = recentList(page).getByRole('listitem', { name: containing(label) })
    await expect(recent).toBeVisible()
    await expect(workbench.field('Remote port')).toHaveValue('')
    await recent.getByRole('button', { name: containing(`127.0.0.1:${peer.port}`) }).click()
    await expect(workbench.field('Remote host')).toHaveValue('127.0.0.1')
    await expect(workbench.field('Remote port')).toHaveValue(String(peer.port))

    // "Open now" connects straight away, to the same outside server.
    await recent.getByRole('button', { name: exactly('Open now') }).click()
    await peer.accepted(1)
    await client.expectState('connected')
  } finally {
    peer.close()
  }
})

test('exported profiles import into a fresh data dir; importing them again renames the clashes', async ({
  page,
}) => {
  const host = await startHost(await newDataDir())
  await page.goto(host.url)
  const workbench = new Workbench(page)
  const [clientPort, serverPort] = [await freeTcpPort(), await freeTcpPort()]

  await workbench.field('Remote host').fill('127.0.0.1')
  await workbench.field('Remote port').fill(String(clientPort))
  await saveProfile(page, 'Alpha')
  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(serverPort))
  await saveProfile(page, 'Beta')

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: exactly('Export profiles') }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.json$/)
  const exported = join(await newDataDir(), download.suggestedFilename())
  await download.saveAs(exported)
  const document = JSON.parse(await readFile(exported, 'utf8')) as {
    schemaVersion: unknown
    profiles: Array<{ name: string }>
  }
  expect(typeof document.schemaVersion).toBe('number')
  expect(document.profiles.map(({ name }) => name).sort()).toEqual(['Alpha', 'Beta'])
  await host.stop()

  const fresh = await startHost(await newDataDir())
  await page.goto(fresh.url)
  await expect(page.getByRole('button', { name: exactly('Save profile') })).toBeVisible()
  await expect(profileList(page).getByRole('listitem')).toHaveCount(0)

  const importFile = async (): Promise<void> => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: exactly('Import profiles') }).click(),
    ])
    await chooser.setFiles(exported)
  }
  await importFile()
  await expect(page.getByRole('status').filter({ hasText: /imported 2 profile/i })).toBeVisible()
  await expect(profile(page, 'Alpha')).toBeVisible()
  await expect(profile(page, 'Beta')).toBeVisible()
  await expect(profileList(page).getByRole('listitem')).toHaveCount(2)

  await profile(page, 'Alpha')
    .getByRole('button', { name: exactly('Open') })
    .click()
  await expect(workbench.field('Remote host')).toHaveValue('127.0.0.1')
  await expect(workbench.field('Remote port')).toHaveValue(String(clientPort))

  await importFile()
  await expect(profile(page, 'Alpha (2)')).toBeVisible()
  await expect(profile(page, 'Beta (2)')).toBeVisible()
  await expect(profileList(page).getByRole('listitem')).toHaveCount(4)
})
