import { expect, test } from '../helpers/web-host'
import { skipWithoutTools } from './needs-tools'
import { Socat, TcpServerPeer, freeTcpPort } from './peers'
import { exactly, Workbench } from './workbench'

skipWithoutTools(['socat'], 'the IPv6 journeys')

const stops: Array<() => void> = []
test.afterEach(() => {
  for (const stop of stops.splice(0)) stop()
})

test('IPv6 loopback: a server on ::1 talks to socat, a client on ::1 to a node server', async ({ app }) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort('::1')
  const server = await workbench.listen('::1', port)
  await server.expectState('listening')

  const socat = await Socat.connect(`TCP6:[::1]:${port}`)
  stops.push(() => socat.stop())
  socat.write('hello over v6')
  await server.expectEntry('received', /\[::1\]:\d+/, 'hello over v6')
  await server.send('v6 reply', { to: 'All clients' })
  await socat.inbox.until(() => socat.inbox.text() === 'v6 reply', 'the reply at socat')

  const peer = await TcpServerPeer.listen('::1')
  stops.push(() => peer.close())
  const client = await workbench.connect('::1', peer.port)
  const remote = await peer.accepted()
  await client.expectState('connected')
  await client.send('from the v6 client')
  expect((await remote.inbox.take(18)).toString()).toBe('from the v6 client')
})

test('an address typed as "[::1]" connects and shows once bracketed under Recent', async ({ app }) => {
  const peer = await TcpServerPeer.listen('::1')
  stops.push(() => peer.close())
  const workbench = new Workbench(app)
  await workbench.chooseMode('TCP client')
  await workbench.field('Remote host').fill('[::1]')
  await workbench.field('Remote port').fill(String(peer.port))
  await workbench.form.getByRole('button', { name: exactly('Connect') }).click()
  await peer.accepted()

  const recent = app.getByRole('list', { name: exactly('Recent') })
  await expect(recent.getByRole('listitem')).toHaveAccessibleName(`TCP client [::1]:${peer.port}`)
  await expect(recent).not.toContainText('[[')
})
