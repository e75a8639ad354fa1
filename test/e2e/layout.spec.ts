import type { Locator } from '@playwright/test'
import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { containing, exactly, screenshotBothThemes, Workbench, type SessionView } from './workbench'

// Panels stack without overlap at every width from 600 px up: nothing (the rates chart above all) is drawn over
// the traffic log, its toolbar or the Send panel. The payload column takes the free width; the dump the row.

const WIDTHS = [600, 800, 1000, 1280, 1920]
/** 24 bytes, the payload the issue saw cut at 1280 px. */
const PAYLOAD = 'ABCDEFGHIJKLMNOPQRSTUVWX'

interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

/** The DOM members paintedBox uses (the e2e tests compile without the DOM library; it runs in the page). */
interface DomNode {
  parentElement: DomNode | null
  ownerDocument: {
    defaultView: { getComputedStyle(node: DomNode): { overflowX: string; overflowY: string } }
  }
  contains(node: DomNode): boolean
  querySelectorAll(selector: '*'): ArrayLike<DomNode>
  getBoundingClientRect(): Box & { width: number; height: number }
  checkVisibility(options: { visibilityProperty: boolean }): boolean
}

/**
 * The area an element paints: its box and every visible descendant's, each clipped by the scroll containers
 * between it and the element (a row scrolled out of the log is not drawn over anything).
 */
function paintedBox(element: DomNode): Box | null {
  let painted: Box | null = null
  const clipOf = (node: DomNode): Box => {
    let clip: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
    for (let parent = node.parentElement; parent && element.contains(parent); parent = parent.parentElement) {
      const style = parent.ownerDocument.defaultView.getComputedStyle(parent)
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
      const rect = parent.getBoundingClientRect()
      clip = {
        left: Math.max(clip.left, rect.left),
        top: Math.max(clip.top, rect.top),
        right: Math.min(clip.right, rect.right),
        bottom: Math.min(clip.bottom, rect.bottom),
      }
    }
    return clip
  }
  for (const node of [element, ...Array.from(element.querySelectorAll('*'))]) {
    const rect = node.getBoundingClientRect()
    // checkVisibility: also false inside a closed <details>, whose content keeps a layout box in Chromium.
    if (rect.width === 0 || rect.height === 0 || !node.checkVisibility({ visibilityProperty: true })) continue
    const clip = clipOf(node)
    const box = {
      left: Math.max(rect.left, clip.left),
      top: Math.max(rect.top, clip.top),
      right: Math.min(rect.right, clip.right),
      bottom: Math.min(rect.bottom, clip.bottom),
    }
    if (box.right <= box.left || box.bottom <= box.top) continue
    painted = painted
      ? {
          left: Math.min(painted.left, box.left),
          top: Math.min(painted.top, box.top),
          right: Math.max(painted.right, box.right),
          bottom: Math.max(painted.bottom, box.bottom),
        }
      : box
  }
  return painted
}

const overlaps = (a: Box, b: Box): boolean =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5

async function paintedBoxes(panels: Record<string, Locator>): Promise<Record<string, Box>> {
  const boxes: Record<string, Box> = {}
  for (const [name, locator] of Object.entries(panels)) {
    const box = await locator.evaluate(paintedBox)
    expect(box, `${name} is drawn`).not.toBeNull()
    boxes[name] = box!
  }
  return boxes
}

function panelsOf(workbench: Workbench, session: SessionView): Record<string, Locator> {
  const region = session.region
  return {
    'New session form': workbench.form,
    Sessions: workbench.page.getByRole('list', { name: containing('Sessions') }),
    Send: region.getByRole('region', { name: exactly('Send') }),
    'View as': region.getByRole('combobox', { name: containing('View as') }),
    'Clear button': region.getByRole('button', { name: exactly('Clear') }),
    'Traffic log': session.log,
    'Traffic rates': region.getByRole('group', { name: exactly('Traffic rates') }),
    Recording: region.getByRole('group', { name: exactly('Recording') }),
    Clients: region.getByRole('region', { name: containing('Clients') }),
    Lifecycle: region.getByRole('region', { name: exactly('Lifecycle') }),
  }
}

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
    const boxes = await paintedBoxes(panels)
    const names = Object.keys(boxes)
    for (const [index, a] of names.entries()) {
      for (const b of names.slice(index + 1)) {
        expect(overlaps(boxes[a]!, boxes[b]!), `at ${width} px, ${a} and ${b} overlap`).toBe(false)
      }
      expect(boxes[a]!.right, `at ${width} px, ${a} ends inside the window`).toBeLessThanOrEqual(width)
    }
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
