import { expect, test } from '../helpers/web-host'
import { TcpServerPeer, UdpPeer, freeUdpPort } from './peers'
import { choose, containing, exactly, Workbench } from './workbench'

// Issue 14, "Basics users expect": a log row resent and saved as a message, the "Both" view, and log columns
// resized with the keyboard and remembered.

let server: TcpServerPeer | undefined
let udp: UdpPeer | undefined
test.afterEach(async () => {
  server?.close()
  server = undefined
  udp?.close()
  udp = undefined
})

test('resend from the log: a sent row goes again, a received row goes back to its sender', async ({
  app,
}) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const remote = await server.accepted()
  await session.send('ping-1')
  expect((await remote.inbox.take(6)).toString()).toBe('ping-1')
  remote.socket.write('pong')
  await session.expectEntry('received', 'pong')

  const sentRow = session.entries.filter({ hasText: 'ping-1' })
  await sentRow.hover()
  await sentRow.getByRole('button', { name: exactly('Resend') }).click()
  expect((await remote.inbox.take(12)).toString()).toBe('ping-1ping-1')

  const receivedRow = session.entries.filter({ hasText: 'pong' }).filter({ hasText: 'received' })
  await receivedRow.hover()
  await receivedRow.getByRole('button', { name: exactly('Resend') }).click()
  expect((await remote.inbox.take(16)).toString()).toBe('ping-1ping-1pong')
  await session.expectCount('Bytes sent', 16)

  // Saved as a message, it is a quick-send button of this endpoint's profile.
  await receivedRow.hover()
  await receivedRow.getByRole('button', { name: exactly('Save as message') }).click()
  await expect(session.region.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  const quickSend = session.region.getByRole('group', { name: exactly('Quick send') })
  await quickSend.getByRole('button', { name: containing('received') }).click()
  expect((await remote.inbox.take(20)).toString()).toBe('ping-1ping-1pongpong')

  // Both: text and hex side by side on one row.
  await choose(session.region, containing('View as'), 'Both')
  await session.expectEntry('sent', 'ping-1', '70 69 6e 67 2d 31')
})

test('a received datagram saved as a message targets its sender (source and destination swapped)', async ({
  app,
}) => {
  udp = await UdpPeer.bind('127.0.0.1')
  const workbench = new Workbench(app)
  const port = await freeUdpPort()
  const session = await workbench.bindUdp('127.0.0.1', port)
  await session.expectState('bound')
  await udp.send('from-peer', port, '127.0.0.1')
  await session.expectEntry('received', 'from-peer')

  const row = session.entries.filter({ hasText: 'from-peer' })
  await row.hover()
  await row.getByRole('button', { name: exactly('Save as message') }).click()
  await expect(session.region.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  // The profile made for it names the peer as its destination.
  const profiles = app.getByRole('list', { name: exactly('Profiles') })
  await expect(profiles.getByRole('listitem', { name: containing(`127.0.0.1:${udp.port}`) })).toBeVisible()
})

test('log columns resize with the keyboard, and the widths are remembered after a reload', async ({
  app,
}) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  await server.accepted()
  await session.expectState('connected')
  const handle = session.region.getByRole('separator', { name: exactly('Resize the Peer column') })
  // The handle sits on the column's right edge: it moves as far as the column widens.
  const edge = async (): Promise<number> => (await handle.boundingBox())!.x
  const before = await edge()
  await handle.focus()
  for (let press = 0; press < 5; press++) await handle.press('Shift+ArrowRight')
  await expect.poll(edge).toBeGreaterThan(before + 100)

  // Dragged with the pointer, the column follows it.
  const box = (await handle.boundingBox())!
  const dragFrom = await edge()
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await app.mouse.down()
  await app.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2, { steps: 4 })
  await app.mouse.up()
  await expect.poll(edge).toBeLessThan(dragFrom - 40)
  const widened = Number(await handle.getAttribute('aria-valuenow'))

  await app.reload()
  await session.item.click()
  await expect(
    app.getByRole('separator', { name: exactly('Resize the Peer column') }).first(),
  ).toHaveAttribute('aria-valuenow', String(widened))
})
