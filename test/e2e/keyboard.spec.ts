import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../helpers/web-host'
import { freeTcpPort } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14, "Keyboard": with 7 profiles, reaching the Message box took 90 Tab presses.

const PROFILES = 7
/** Skip link, then the message box: a handful of presses, whatever the sidebar holds. */
const MOST_TAB_PRESSES = 3

async function saveProfile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: exactly('Save profile') }).click()
  await page.getByRole('textbox', { name: exactly('Profile name') }).fill(name)
  await page.getByRole('button', { name: exactly('Save') }).click()
  await expect(
    page.getByRole('list', { name: exactly('Profiles') }).getByRole('listitem', { name: exactly(name) }),
  ).toBeVisible()
}

/** Tab presses until the message box has focus (or the limit); the first one must land on the skip link. */
async function tabsToMessage(page: Page, message: Locator, limit: number): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab')
    if (presses === 1) {
      await expect(page.getByRole('link', { name: exactly('Skip to message') })).toBeFocused()
      await page.keyboard.press('Enter')
    }
    if (await message.evaluate((box) => box.ownerDocument.activeElement === box)) return presses
  }
  return Number.POSITIVE_INFINITY
}

test('with 7 profiles the skip link reaches the message box in a few Tab presses; Ctrl+L comes back to it', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  for (let index = 1; index <= PROFILES; index++) {
    await workbench.field('Local port').fill(String(9000 + index))
    await saveProfile(app, `Server ${index}`)
  }
  const session = await workbench.listen('127.0.0.1', await freeTcpPort())
  await session.expectState('listening')

  // From the top of the page, as right after opening it: the focus starts at the document itself.
  await app.evaluate(`{
    const root = document.documentElement
    root.tabIndex = -1
    root.focus()
    root.removeAttribute('tabindex')
  }`)
  const presses = await tabsToMessage(app, session.message, 10)
  expect(presses).toBeLessThanOrEqual(MOST_TAB_PRESSES)

  // The landmarks a screen reader lists.
  await expect(app.getByRole('main')).toBeVisible()
  await expect(app.getByRole('navigation', { name: exactly('Sessions') })).toBeVisible()
  await expect(app.getByRole('complementary', { name: exactly('Profiles') })).toBeVisible()

  // Anywhere else, Ctrl+L brings the focus back to the message box; the help next to it says so.
  await app
    .getByRole('list', { name: exactly('Profiles') })
    .getByRole('button')
    .first()
    .focus()
  await app.keyboard.press('Control+l')
  await expect(session.message).toBeFocused()
  await expect(session.region.getByText(/Ctrl\+L/)).toBeVisible()
})
