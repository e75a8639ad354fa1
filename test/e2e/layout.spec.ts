import type { Locator } from '@playwright/test'
import { expect, test } from '../helpers/web-host'
import { expectNoOverlap, panelsOf } from './layout-check'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { screenshotBothThemes, Workbench } from './workbench'

// Panels stack without overlap at every width from 600 px up: nothing (the rates chart above all) is drawn over
// the traffic log, its toolbar or the Send panel. The payload column takes the free width; the dump the row.

const WIDTHS = [600, 800, 1000, 1280, 1920]
/** 24 bytes, the payload the issue saw cut at 1280 px. */
const PAYLOAD = 'ABCDEFGHIJKLMNOPQRSTUVWX'

let peer: TcpPeer | undefined
test.afterEach(() => {
  peer?.socket.destroy()
  peer = undefined
})

test('panels never overlap at 600, 800, 1000, 1280 and 1920 px: each stacks below the other', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const session = await workbench.listen('127.0.0.1', port)
  await session.expectState('listening')
  peer = await tcpClient('127.0.0.1', port)
  peer.socket.write(PAYLOAD)
  await session.expectEntry('received', PAYLOAD)
  const panels = panelsOf(workbench, session)

  for (const width of WIDTHS) {
    await app.setViewportSize({ width, height: 900 })
    // A layout change lands within a frame or two (the chart redraws on its resize observer).
    await app.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
    await expectNoOverlap(panels, width, `at ${width} px`)
    if (width === 1000 || width === 1920) await screenshotBothThemes(app, `layout-${width}`)
  }
})

test('at 1280 and 1920 px a 24-byte payload is shown whole, hex shows 16+ bytes, the hex dump is not clipped', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const session = await workbench.listen('127.0.0.1', port)
  await session.expectState('listening')
  peer = await tcpClient('127.0.0.1', port)
  peer.socket.write(PAYLOAD)
  await session.expectEntry('received', PAYLOAD)
  const row = session.entries.filter({ hasText: 'received' })

  /** How many characters of the payload cell's text fit in its width (monospace). */
  const visibleCharacters = (payload: Locator): Promise<number> =>
    payload.evaluate((text) => {
      // The inline text's box is as wide as the whole text, however much of it its cell clips.
      const cell = text.parentElement!
      const perCharacter = text.getBoundingClientRect().width / (text.textContent ?? '').length
      return Math.floor(cell.clientWidth / perCharacter)
    })

  for (const width of [1280, 1920]) {
    await app.setViewportSize({ width, height: 900 })
    await session.viewAs('Text')
    expect(await visibleCharacters(row.getByText(PAYLOAD, { exact: true }))).toBeGreaterThanOrEqual(24)

    await session.viewAs('Hex')
    const hex = Buffer.from(PAYLOAD)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ')
    // 16 bytes are 47 characters ("41 42 … 50").
    expect(await visibleCharacters(row.getByText(hex, { exact: true }))).toBeGreaterThanOrEqual(47)

    await row.hover()
    await row.getByRole('button', { name: 'Show hex dump' }).click()
    const dump = row.locator('pre')
    await expect(dump).toContainText('41 42 43')
    const clipped = await dump.evaluate((pre) => pre.scrollWidth > pre.clientWidth)
    expect(clipped, `at ${width} px the hex dump fits its row`).toBe(false)
    await row.getByRole('button', { name: 'Hide hex dump' }).click()
  }
})
