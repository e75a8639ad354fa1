import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'

// Issue 14: in Korean, "Record to file", the chart legend, the rate line and more stayed English. With the UI
// in Korean, no English sentence of the catalogue may be on screen (or in a spoken attribute).

test.use({ locale: 'ko-KR' })

type Tree = { [key: string]: string | Tree }

/** A catalogue, loaded at run time: the e2e project does not type-check renderer sources. */
async function catalogue(name: 'en' | 'ko'): Promise<Tree> {
  const module = (await import(
    new URL(`../../renderer/src/i18n/${name}.ts`, import.meta.url).href
  )) as Record<string, Tree>
  return module[name]!
}

/** The English text of every catalogue entry whose Korean differs, cut at its first placeholder. */
function englishOnly(english: Tree, korean: Tree): string[] {
  return Object.entries(english).flatMap(([key, value]) => {
    const other = korean[key]
    if (typeof value !== 'string') return englishOnly(value, other as Tree)
    if (value === other) return []
    return value
      .split('|')
      .map((form) => form.split('{')[0]!.trim())
      .filter((text) => /[A-Za-z]{2,}.*\s.*[A-Za-z]{2,}/.test(text) && text.length >= 8)
  })
}

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('in Korean no English sentence of the catalogue is shown: recording, chart legend, rate line, log, forms', async ({
  app,
}) => {
  const english = englishOnly(await catalogue('en'), await catalogue('ko'))
  expect(english.length).toBeGreaterThan(100)
  expect(english).toContain('Record to file')

  await expect(app.locator('html')).toHaveAttribute('lang', 'ko')
  const form = app.getByRole('form', { name: '새 세션' })
  await form.getByRole('combobox').first().selectOption('udp')
  const port = await freeUdpPort()
  await form.getByRole('textbox', { name: '로컬 포트' }).fill(String(port))
  await form.getByRole('button').last().click()
  const region = app.getByRole('region', { name: `UDP 127.0.0.1:${port}` })
  await expect(region).toBeVisible()
  peer = await UdpPeer.bind('127.0.0.1')
  await peer.send('hello', port, '127.0.0.1')
  await expect(region.getByRole('log')).toContainText('hello')
  await region.getByRole('button', { name: '파일로 기록' }).click()
  await region.getByRole('button', { name: '기록 중지' }).click()
  await expect(region.getByRole('button', { name: 'pcapng로 내보내기' })).toBeVisible()
  await expect(region.getByRole('group', { name: '트래픽 속도' })).toContainText('수신:')

  // Everything a person reads or hears: the text, and the names given by attributes.
  const shown = (await app.evaluate(`[
    document.body.innerText,
    ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((element) =>
      ['aria-label', 'title', 'placeholder'].map((name) => element.getAttribute(name) ?? ''),
    ),
  ].join('\\n')`)) as string
  expect(english.filter((text) => shown.includes(text))).toEqual([])
})
