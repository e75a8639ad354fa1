import { expect, type Locator } from '@playwright/test'
import { containing, exactly, type SessionView, type Workbench } from './workbench'

// Whether panels are drawn over each other: the layout journey checks it at five widths, the screenshot set at
// each size and language it saves.

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

/** Each panel's painted box; fails when one is not drawn at all. */
async function paintedBoxes(panels: Record<string, Pick<Locator, 'evaluate'>>): Promise<Record<string, Box>> {
  const boxes: Record<string, Box> = {}
  for (const [name, locator] of Object.entries(panels)) {
    const box = await locator.evaluate(paintedBox)
    expect(box, `${name} is drawn`).not.toBeNull()
    boxes[name] = box!
  }
  return boxes
}

/** The panels of a TCP server session with clients, and the app around it. */
export function panelsOf(workbench: Workbench, session: SessionView): Record<string, Locator> {
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

/** Time for the layout to settle: redraws that follow an update (log, timeline, chart) come a task or a frame later. */
const SETTLE_TIMEOUT_MS = 5_000

/**
 * No two panels overlap and each ends inside the window's width; `where` names the size (and language). The boxes
 * are read one panel at a time, so a panel still growing can look drawn over the next one that has not moved yet:
 * the check passes once one reading is clean, and an overlap that stays fails it.
 */
export async function expectNoOverlap(
  panels: Record<string, Pick<Locator, 'evaluate'>>,
  width: number,
  where: string,
): Promise<void> {
  await expect(async () => {
    const boxes = await paintedBoxes(panels)
    const names = Object.keys(boxes)
    for (const [index, a] of names.entries()) {
      for (const b of names.slice(index + 1)) {
        expect(overlaps(boxes[a]!, boxes[b]!), `${where}, ${a} and ${b} overlap`).toBe(false)
      }
      expect(boxes[a]!.right, `${where}, ${a} ends inside the window`).toBeLessThanOrEqual(width)
    }
  }).toPass({ timeout: SETTLE_TIMEOUT_MS })
}
