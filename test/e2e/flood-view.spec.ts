import { readFile } from 'node:fs/promises'
import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14: under a flood the log left rows out with only a count in its header, and the rates chart cut its
// axis labels ("1,000 msg/"). Now each gap is a marker row, in the view and in exports, and the chart draws
// every label inside its canvas.

const DATAGRAMS = 5_000
const SIZE = 16

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('a UDP flood: markers "N rows not shown here" in the log and its export; the rates chart labels are not clipped', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeUdpPort()
  const session = await workbench.bindUdp('127.0.0.1', port)
  await session.expectState('bound')
  peer = await UdpPeer.bind('127.0.0.1')
  // Sent in bursts (waiting for each send's callback) so the kernel's buffer holds them; what arrives is counted.
  for (let index = 0; index < DATAGRAMS; index++) {
    await peer.send(String(index).padStart(SIZE, '0'), port, '127.0.0.1')
  }
  const received = session.counter('Bytes received')
  await expect(received).not.toHaveText('0')

  // The header still counts what was left out; a marker sits exactly where: the datagrams numbered between the
  // rows around it are the ones it counts.
  await expect(session.region.getByText(/rows not shown \(dropped/)).toBeVisible()
  const around = (await session.log.evaluate(`(async () => {
    const log = document.querySelector('[role="log"]')
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    for (let top = 0; top <= log.scrollHeight; top += log.clientHeight / 2) {
      log.scrollTop = top
      await frame()
      const slot = [...log.querySelectorAll('.log-slot')].find((element) => element.querySelector('[role="note"]'))
      if (!slot) continue
      const slots = [...log.querySelectorAll('.log-slot')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      const previous = slots[slots.indexOf(slot) - 1]
      const payload = (element) => /(\\d{${SIZE}})/.exec(element.textContent)?.[1]
      return { marker: slot.querySelector('[role="note"]').textContent.trim(), before: payload(previous), after: payload(slot) }
    }
    return undefined
  })()`)) as { marker: string; before: string; after: string } | undefined
  expect(around).toBeDefined()
  const missing = Number(/^([\d,]+) rows/.exec(around!.marker)![1]!.replaceAll(',', ''))
  // The marker counts the rows the view left out between its neighbours. Their datagram numbers jump by at least
  // that much: by exactly that much unless the kernel also dropped datagrams of the flood (it may, on a loaded machine).
  expect(missing).toBeGreaterThan(0)
  expect(Number(around!.after) - Number(around!.before) - 1).toBeGreaterThanOrEqual(missing)

  // The export says it is a view and marks the same gaps.
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    session.region.getByRole('button', { name: exactly('Export Text') }).click(),
  ])
  const exported = await readFile((await download.path())!, 'utf8')
  expect(exported.split('\n')[0]).toMatch(/^# This export is the log view.*Record to file/)
  expect(exported).toMatch(/\n… [\d,]+ rows not shown here\n/)

  // The chart: every label inside the canvas (nothing drawn on its outermost pixels), the canvas inside its card.
  const chart = session.region.getByRole('group', { name: exactly('Traffic rates') })
  const canvas = chart.locator('canvas')
  const edges = (await canvas.evaluate(`(() => {
    const canvas = document.querySelector('[aria-label="Traffic rates"] canvas')
    const context = canvas.getContext('2d')
    const { width, height } = canvas
    const painted = (x, y, w, h) => context.getImageData(x, y, w, h).data.some((value, index) => index % 4 === 3 && value > 0)
    return { left: painted(0, 0, 1, height), right: painted(width - 1, 0, 1, height), bottom: painted(0, height - 1, width, 1) }
  })()`)) as { left: boolean; right: boolean; bottom: boolean }
  expect(edges).toEqual({ left: false, right: false, bottom: false })
  await chart.screenshot({ path: 'test-results/screenshots/rates-chart-flood.png' })
  const [canvasBox, chartBox] = [await canvas.boundingBox(), await chart.boundingBox()]
  expect(canvasBox!.x).toBeGreaterThanOrEqual(chartBox!.x)
  expect(canvasBox!.x + canvasBox!.width).toBeLessThanOrEqual(chartBox!.x + chartBox!.width + 0.5)
})
