import { execFileSync } from 'node:child_process'
import type { ElementHandle, Page } from '@playwright/test'
import { expect, test } from '../helpers/web-host'
import { expectNoOverlap, panelsOf } from './layout-check'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { screenshotBothThemes, Workbench } from './workbench'

// Issue 14's screenshot set: the main views at 1000 and 1920 px, in the light and dark themes, in English and
// Korean, saved as test-results/screenshots/set/<view>-<width>-<language>-<theme>.png by one command
// (`npm run screenshots`). Before each size and language is saved, no panel may be drawn over another.

const WIDTHS = [1000, 1920] as const
const LANGUAGES = ['en', 'ko'] as const
type Language = (typeof LANGUAGES)[number]

/** Whether fontconfig knows a font with Korean glyphs (without one Chromium draws Hangul as boxes). */
function hasKoreanFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ko'], { encoding: 'utf8' }).trim() !== ''
  } catch {
    return false
  }
}
if (!hasKoreanFont()) {
  console.log(
    'screenshots: no Korean font here (fc-list :lang=ko is empty), so the Korean screenshots show boxes for ' +
      'Hangul and their overlap check measures those boxes; `apt-get install fonts-noto-cjk` (.ci/run does) fixes it.',
  )
}

/** Picks the UI language in Settings; found without words, as the words are what changes. */
async function setLanguage(app: Page, language: Language): Promise<void> {
  const settings = app.locator('summary').filter({ hasText: '⚙' })
  await settings.click()
  await app.getByRole('combobox', { name: /^\s*(Language|언어)\s*$/ }).selectOption(language)
  await settings.click()
  await expect(app.locator('html')).toHaveAttribute('lang', language)
}

const nextFrames = (app: Page): Promise<unknown> =>
  app.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')

/**
 * Saves one view at every size, language and theme. `panels` (held as elements, as their names change with the
 * language) are checked for overlap first. Leaves the page in English.
 */
async function saveView(app: Page, view: string, panels: Record<string, ElementHandle> = {}): Promise<void> {
  for (const language of LANGUAGES) {
    await setLanguage(app, language)
    for (const width of WIDTHS) {
      await app.setViewportSize({ width, height: 900 })
      await nextFrames(app)
      await expectNoOverlap(panels, width, `${view} at ${width} px in ${language}`)
      await screenshotBothThemes(app, `set/${view}-${width}-${language}`)
    }
  }
  await setLanguage(app, 'en')
}

let peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers) peer.socket.destroy()
  peers = []
})

test('the screenshot set: empty app, server with clients, hex view and an error at 1000 and 1920 px, both themes, English and Korean', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  await expect(workbench.form).toBeVisible()
  await saveView(app, 'empty-app')

  const port = await freeTcpPort()
  const session = await workbench.listen('127.0.0.1', port)
  await session.expectState('listening')
  peers = [await tcpClient('127.0.0.1', port), await tcpClient('127.0.0.1', port)]
  peers[0]!.socket.write('GET /status HTTP/1.0\r\n\r\n')
  peers[1]!.socket.write(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]))
  await session.expectEntry('received', 'GET /status')
  await session.send('200 OK')
  await expect(session.clients.getByRole('listitem')).toHaveCount(2)
  const panels: Record<string, ElementHandle> = {}
  for (const [name, locator] of Object.entries(panelsOf(workbench, session))) {
    panels[name] = (await locator.elementHandle())!
  }
  await saveView(app, 'server-with-clients', panels)

  await session.viewAs('Hex')
  await saveView(app, 'hex-view', panels)

  // The same port again: EADDRINUSE, with its alert in the form and the failed session selected.
  await workbench.listen('127.0.0.1', port)
  await expect(workbench.alert('EADDRINUSE')).toBeVisible()
  await saveView(app, 'error')
})
