import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'
import { exactly, Workbench } from './workbench'

// Small things a new user notices (issue 14): what the rates line says about one send, and the log after Clear.

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('one 10-byte send reads at most "10 B/s, 1 msg/s" (never doubled), and the cleared log says it was cleared', async ({
  app,
}) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.bindUdp('127.0.0.1', await freeUdpPort())
  await session.expectState('bound')
  const rates = session.region.getByRole('group', { name: exactly('Traffic rates') })
  await expect(rates).toContainText('Out: 0 B/s, 0 msg/s.')

  // Every sentence the rates line shows, from before the send until it is back at zero.
  // (A string: the e2e tests compile without the DOM library; it runs in the page.)
  await app.evaluate(`{
    const group = document.querySelector('[role="group"][aria-label="Traffic rates"]')
    const seen = []
    window.ratesSeen = seen
    new MutationObserver(() => seen.push(group.textContent)).observe(group, {
      subtree: true,
      characterData: true,
      childList: true,
    })
  }`)
  await session.sendUdp('0123456789', '127.0.0.1', peer.port)
  await peer.received()
  await expect(rates).not.toContainText('Out: 0 B/s, 0 msg/s.')
  await expect(rates).toContainText('Out: 0 B/s, 0 msg/s.')
  // Over the last second (a little more when the sampling timer runs late) there were 10 bytes in one message.
  const seen = (await app.evaluate('window.ratesSeen')) as string[]
  const outRates = seen.flatMap((text) => {
    const match = /Out: (\d+) B\/s, (\d+) msg\/s\./.exec(text)
    return match && match[1] !== '0' ? [{ bytes: Number(match[1]), messages: Number(match[2]) }] : []
  })
  expect(outRates.length).toBeGreaterThan(0)
  for (const rate of outRates) {
    expect(rate.bytes).toBeLessThanOrEqual(10)
    expect(rate.messages).toBe(1)
  }

  await expect(session.log).not.toContainText('Log cleared')
  await session.region.getByRole('button', { name: exactly('Clear') }).click()
  await expect(session.entries).toHaveCount(0)
  await expect(session.log).toContainText('Log cleared.')
  await expect(session.log).not.toContainText('No traffic yet')
})
