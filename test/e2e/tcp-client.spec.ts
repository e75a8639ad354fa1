import { expect, test } from '../helpers/web-host'
import { TcpServerPeer } from './peers'
import { Workbench, screenshotBothThemes } from './workbench'

let peer: TcpServerPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('TCP client: a binary round trip, checked in the Hex view', async ({ app }) => {
  peer = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const client = await workbench.connect('127.0.0.1', peer.port)
  const remote = await peer.accepted()
  await client.expectState('connected')
  await client.expectEntry('connect')

  await client.send('de ad be ef 00 ff', { encoding: 'Hex' })
  expect([...(await remote.inbox.take(6))]).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff])
  // In the Text view binary is escaped, not decoded: `de ad` is valid UTF-8 for a lone mark (a box on screen).
  await client.expectEntry('sent', '\\xde\\xad\\xbe\\xef\\0\\xff')

  remote.socket.write(Buffer.from([0x00, 0x01, 0x7f, 0x80, 0xfe, 0x0a]))
  await client.viewAs('Hex')
  await client.expectEntry('sent', 'de ad be ef 00 ff')
  await client.expectEntry('received', '00 01 7f 80 fe 0a')
  await client.expectCount('Bytes sent', 6)
  await client.expectCount('Bytes received', 6)
  await screenshotBothThemes(app, 'hex-view')

  // A row's buttons appear under the pointer; its hex dump opens below it.
  const receivedRow = client.entries.filter({ hasText: '00 01 7f 80 fe 0a' })
  await expect(receivedRow.getByRole('button', { name: 'Show hex dump' })).toHaveCount(0)
  await receivedRow.hover()
  await receivedRow.getByRole('button', { name: 'Show hex dump' }).click()
  await expect(receivedRow.locator('pre')).toContainText('00 01 7f 80 fe 0a')
})

test('invalid hex is refused with its position and nothing is sent', async ({ app }) => {
  peer = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const client = await workbench.connect('127.0.0.1', peer.port)
  const remote = await peer.accepted()
  await client.expectState('connected')

  await client.send('41 4', { encoding: 'Hex' })
  // The alert names the position of the bad input: it carries a number.
  await expect(app.getByRole('alert').filter({ hasText: /\d/ }).first()).toBeVisible()
  await client.expectCount('Bytes sent', 0)

  await client.send('42', { encoding: 'Hex' })
  // The first byte the peer ever gets is the valid message: the invalid one sent nothing at all.
  expect((await remote.inbox.take(1)).toString()).toBe('B')
  await client.expectCount('Bytes sent', 1)
})

test('a typed message saved for quick send goes out again with one click', async ({ app }) => {
  peer = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const client = await workbench.connect('127.0.0.1', peer.port)
  const remote = await peer.accepted()
  await client.expectState('connected')

  await client.message.fill('status?\\n')
  await client.region.getByRole('button', { name: 'Save message' }).click()
  await client.region.getByRole('textbox', { name: 'Message name' }).fill('status')
  await client.region.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(client.region.getByRole('status').filter({ hasText: 'Saved “status”' })).toBeVisible()

  await client.message.fill('')
  await client.region
    .getByRole('group', { name: 'Quick send' })
    .getByRole('button', { name: 'status' })
    .click()
  expect((await remote.inbox.take(8)).toString()).toBe('status?\n')
  // Saved in a profile named after the endpoint, listed in the Profiles panel.
  const profiles = app.getByRole('list', { name: 'Profiles', exact: true })
  await expect(profiles.getByRole('listitem').filter({ hasText: `127.0.0.1:${peer.port}` })).toContainText(
    '1 saved message',
  )
})
