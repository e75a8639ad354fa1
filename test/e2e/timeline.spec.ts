import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { Workbench, containing, exactly, screenshotBothThemes } from './workbench'

const peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
})

async function outsideClient(port: number): Promise<TcpPeer> {
  const peer = await tcpClient('127.0.0.1', port)
  peers.push(peer)
  return peer
}

test('Timeline: a server accepts two clients, one leaves with FIN and one with a reset', async ({ app }) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')
  const timeline = server.region.getByRole('region', { name: exactly('Timeline') })

  const first = await outsideClient(port)
  await expect(server.client(first.address)).toBeVisible()
  const second = await outsideClient(port)
  await expect(server.client(second.address)).toBeVisible()
  first.socket.write('hello from first')
  await server.expectEntry('received', first.address, 'hello from first')

  const firstLane = timeline.getByRole('listitem', { name: containing(first.address) })
  const secondLane = timeline.getByRole('listitem', { name: containing(second.address) })
  await expect(firstLane).toHaveAccessibleName(/, open$/)

  first.socket.end()
  await first.closed
  await expect(firstLane).toHaveAccessibleName(/closed by the peer$/)
  second.socket.resetAndDestroy()
  await expect(secondLane).toHaveAccessibleName(/reset by the peer \(RST\)$/)

  // Every step is a focusable mark named by the seed's flow, and they come in the order they happened.
  const marks = await timeline.getByRole('img').evaluateAll((elements) =>
    elements.map((element) => ({
      name: element.getAttribute('aria-label') ?? '',
      time: Number(element.getAttribute('data-time')),
    })),
  )
  const find = (pattern: RegExp): { name: string; time: number } => {
    const found = marks.filter((mark) => pattern.test(mark.name))
    expect(found, `one mark matching ${pattern}`).toHaveLength(1)
    return found[0]!
  }
  const accepts = marks.filter((mark) => mark.name.startsWith('accept at '))
  expect(accepts).toHaveLength(2)
  const finClose = find(/^close at .*: connection, closed by the peer$/)
  const resetClose = find(/^close at .*: connection, reset by the peer \(RST\)$/)
  const times = [
    find(/^bind at .*: on 127\.0\.0\.1:\d+$/),
    find(/^listen at /),
    ...accepts,
    finClose,
    resetClose,
  ].map((mark) => mark.time)
  expect(times).toEqual([...times].sort((a, b) => a - b))

  // Each close sits on its own client's lane, after that lane's accept.
  await expect(firstLane.getByRole('img', { name: /^close at .*closed by the peer$/ })).toHaveCount(1)
  await expect(secondLane.getByRole('img', { name: /^close at .*reset by the peer \(RST\)$/ })).toHaveCount(1)
  await expect(firstLane.getByRole('img', { name: /^end at / })).toHaveCount(1)

  // Tab reaches a mark and its details show.
  const resetMark = secondLane.getByRole('img', { name: /^close at / })
  await resetMark.focus()
  await expect(resetMark).toBeFocused()
  await expect(
    timeline.getByText(/^close at .*: connection, reset by the peer \(RST\)$/).last(),
  ).toBeVisible()

  await screenshotBothThemes(app, 'timeline')
})
