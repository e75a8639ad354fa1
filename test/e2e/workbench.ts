import { mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'

// The UI as /work/shared/UI-CONTRACT.md describes it: every control is found by role and accessible name only.

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The name exactly, any case (contract names match case-insensitively). */
export const exactly = (text: string): RegExp => new RegExp(`^\\s*${escape(text)}\\s*$`, 'i')
/** A name containing the words (the contract's "≈"). */
export const containing = (text: string): RegExp => new RegExp(escape(text), 'i')

export type Mode = 'TCP client' | 'TCP server' | 'UDP'
export type Scope = Page | Locator

/** `host:port` as the UI shows endpoints; IPv6 in brackets. */
export const endpoint = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`

/** Picks an option in a combobox (native select or listbox popup) or a radiogroup of that name. */
export async function choose(scope: Scope, name: RegExp, option: string): Promise<void> {
  const combobox = scope.getByRole('combobox', { name })
  const radiogroup = scope.getByRole('radiogroup', { name })
  await expect(combobox.or(radiogroup), `a combobox or radiogroup named ${name}`).toBeVisible()
  if ((await radiogroup.count()) > 0) {
    await radiogroup.getByRole('radio', { name: exactly(option) }).check()
    return
  }
  if ((await combobox.evaluate((element) => element.tagName)) === 'SELECT') {
    await combobox.selectOption({ label: option })
    return
  }
  await combobox.click()
  const page = 'page' in scope ? scope.page() : scope
  await page.getByRole('option', { name: exactly(option) }).click()
}

/** What a person sees of one open session: its item in "Sessions" and its region. */
export class SessionView {
  readonly item: Locator
  readonly region: Locator

  constructor(
    readonly page: Page,
    /** Mode and endpoint, as in the item's and the region's names, e.g. "TCP server 127.0.0.1:9000". */
    readonly label: string,
  ) {
    const sessions = page
      .getByRole('list', { name: /sessions/i })
      .or(page.getByRole('tablist', { name: /sessions/i }))
    const name = containing(label)
    this.item = sessions.getByRole('listitem', { name }).or(sessions.getByRole('tab', { name }))
    this.region = page.getByRole('region', { name }).or(page.getByRole('tabpanel', { name }))
  }

  async expectState(
    state: 'connecting' | 'connected' | 'listening' | 'bound' | 'closed' | 'error',
  ): Promise<void> {
    await expect(this.item).toHaveAccessibleName(new RegExp(`\\b${state}\\b`, 'i'))
  }

  get message(): Locator {
    return this.region.getByRole('textbox', { name: exactly('Message') })
  }

  get log(): Locator {
    return this.region.getByRole('log', { name: containing('Traffic log') })
  }

  get clients(): Locator {
    return this.region.getByRole('list', { name: exactly('Clients') })
  }

  client(address: string): Locator {
    return this.clients.getByRole('listitem', { name: containing(address) })
  }

  counter(name: 'Bytes sent' | 'Bytes received'): Locator {
    return this.region.getByLabel(exactly(name))
  }

  /** Every log entry: a row or a list item of the "Traffic log". */
  get entries(): Locator {
    return this.log.getByRole('row').or(this.log.getByRole('listitem'))
  }

  /**
   * Waits for a log entry showing every given text (direction word, peer, payload). Entries are read as a
   * person sees them (innerText: cells apart), so `\b` word patterns work; strings match in any case.
   */
  async expectEntry(...texts: Array<string | RegExp>): Promise<void> {
    const shows = (entry: string, text: string | RegExp): boolean =>
      typeof text === 'string' ? entry.toLowerCase().includes(text.toLowerCase()) : text.test(entry)
    await expect
      .poll(
        async () =>
          (await this.entries.allInnerTexts()).some((entry) => texts.every((text) => shows(entry, text))),
        {
          message: `a log entry showing ${texts.join(' + ')}`,
        },
      )
      .toBe(true)
  }

  async expectCount(name: 'Bytes sent' | 'Bytes received', count: number): Promise<void> {
    const digits = String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '[,.\\s\\u00a0\\u202f]?')
    await expect(this.counter(name)).toHaveText(new RegExp(`^\\s*${digits}\\s*$`))
  }

  async send(
    text: string,
    options: { encoding?: 'Text' | 'Hex' | 'Base64'; to?: string } = {},
  ): Promise<void> {
    if (options.encoding !== undefined) await choose(this.region, exactly('Encoding'), options.encoding)
    if (options.to !== undefined) await choose(this.region, exactly('Send to'), options.to)
    await this.message.fill(text)
    await this.region.getByRole('button', { name: exactly('Send') }).click()
  }

  async sendUdp(text: string, host: string, port: number): Promise<void> {
    await this.region.getByRole('textbox', { name: exactly('Remote host') }).fill(host)
    await this.region.getByRole('textbox', { name: exactly('Remote port') }).fill(String(port))
    await this.send(text)
  }

  async viewAs(view: 'Text' | 'Hex'): Promise<void> {
    await choose(this.region, containing('View as'), view)
  }

  async close(): Promise<void> {
    await this.region.getByRole('button', { name: exactly('Close') }).click()
  }
}

/** The whole page: the "New session" form and the sessions it opens. */
export class Workbench {
  constructor(readonly page: Page) {}

  get form(): Locator {
    const name = containing('New session')
    return this.page.getByRole('form', { name }).or(this.page.getByRole('region', { name }))
  }

  field(name: string): Locator {
    return this.form.getByRole('textbox', { name: exactly(name) })
  }

  async chooseMode(mode: Mode): Promise<void> {
    await choose(this.form, containing('Mode'), mode)
  }

  /** Alerts whose text names the error code. */
  alert(code: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: code })
  }

  async listen(bind: string, port: number): Promise<SessionView> {
    await this.chooseMode('TCP server')
    await this.field('Bind address').fill(bind)
    await this.field('Local port').fill(String(port))
    await this.form.getByRole('button', { name: exactly('Listen') }).click()
    return new SessionView(this.page, `TCP server ${endpoint(bind, port)}`)
  }

  async connect(host: string, port: number): Promise<SessionView> {
    await this.chooseMode('TCP client')
    await this.field('Remote host').fill(host)
    await this.field('Remote port').fill(String(port))
    await this.form.getByRole('button', { name: exactly('Connect') }).click()
    return new SessionView(this.page, `TCP client ${endpoint(host, port)}`)
  }

  async bindUdp(
    bind: string,
    port: number,
    defaultDestination?: { host: string; port: number },
  ): Promise<SessionView> {
    await this.chooseMode('UDP')
    await this.field('Bind address').fill(bind)
    await this.field('Local port').fill(String(port))
    if (defaultDestination !== undefined) {
      await this.field('Remote host').fill(defaultDestination.host)
      await this.field('Remote port').fill(String(defaultDestination.port))
    }
    await this.form.getByRole('button', { name: exactly('Bind') }).click()
    return new SessionView(this.page, `UDP ${endpoint(bind, port)}`)
  }
}

/**
 * Saves the current view in both themes as test-results/screenshots/<name>-{light,dark}.png (stable names
 * the README links to), then returns to the OS default. Answers both images.
 */
export async function screenshotBothThemes(
  page: Page,
  name: string,
): Promise<Record<'light' | 'dark', Buffer>> {
  // A name may start with a folder ('set/…'): the screenshot set keeps its many files apart.
  const dir = dirname(join(test.info().project.outputDir, 'screenshots', name))
  await mkdir(dir, { recursive: true })
  const shots: Partial<Record<'light' | 'dark', Buffer>> = {}
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    // A theme applied by script (matchMedia listener) lands within a frame or two.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
    shots[colorScheme] = await page.screenshot({
      path: join(dir, `${basename(name)}-${colorScheme}.png`),
      animations: 'disabled',
    })
  }
  await page.emulateMedia({ colorScheme: null })
  return shots as Record<'light' | 'dark', Buffer>
}
