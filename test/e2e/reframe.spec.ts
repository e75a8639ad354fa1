import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { choose, exactly, Workbench } from './workbench'

// Framing changed on an open session, as a person does it: a TCP server opened without framing shows a client's
// lines as one chunk; after "Apply framing" with Delimiter "\n" the next lines are one "frame" row each.

const peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
})

test('a TCP server switched to a LF delimiter shows the lines sent after the change as frames', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')

  const peer = await tcpClient('127.0.0.1', port)
  peers.push(peer)
  peer.socket.write('a\nb\n')
  await server.expectCount('Bytes received', 4)
  const frames = server.entries.filter({ hasText: /\bframe\b/i })
  await expect(frames).toHaveCount(0)

  // The session's own Framing controls, apart from the New session form's.
  const framing = server.region.getByRole('form', { name: exactly('Framing') })
  await choose(framing, exactly('Framing'), 'Delimiter')
  await expect(framing.getByRole('textbox', { name: exactly('Delimiter') })).toHaveValue('\\n')
  await framing.getByRole('button', { name: exactly('Apply framing') }).click()
  await expect(server.region.getByLabel(exactly('Frames in'))).toHaveText('0')

  peer.socket.write('c\nd\n')
  await server.expectCount('Bytes received', 8)
  await expect(frames).toHaveCount(2)
  await server.expectEntry(/\bframe\b/i, '1 B', 'c')
  await server.expectEntry(/\bframe\b/i, '1 B', 'd')
  await expect(frames.nth(0)).toContainText('c')
  await expect(frames.nth(1)).toContainText('d')
  await expect(server.region.getByLabel(exactly('Frames in'))).toHaveText('2')
  await expect(app.getByRole('alert')).toHaveCount(0)
})

test('a framing field to correct is an alert in the session framing controls', async ({ app }) => {
  const workbench = new Workbench(app)
  const server = await workbench.listen('127.0.0.1', await freeTcpPort())
  await server.expectState('listening')
  const framing = server.region.getByRole('form', { name: exactly('Framing') })
  await choose(framing, exactly('Framing'), 'Fixed length')
  await framing.getByRole('textbox', { name: exactly('Frame length') }).fill('0')
  await framing.getByRole('button', { name: exactly('Apply framing') }).click()
  await expect(framing.getByRole('alert')).toContainText('Frame length')
})
