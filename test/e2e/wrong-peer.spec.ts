import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14, "Wrong peer": a chosen client that leaves must stay chosen, marked gone, and Send must be refused
// with a plain message, never widened to every client.

const peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
})

test('"Send to" a client that disconnected stays on it and refuses to send; the other client gets nothing', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')
  const a = await tcpClient('127.0.0.1', port)
  const b = await tcpClient('127.0.0.1', port)
  peers.push(a, b)
  await expect(server.client(a.address)).toBeVisible()
  await expect(server.client(b.address)).toBeVisible()

  const sendTo = server.region.getByRole('combobox', { name: exactly('Send to') })
  await sendTo.selectOption({ label: a.address })
  a.socket.end()
  await expect(server.client(a.address)).toHaveCount(0)

  // Still A, marked gone.
  await expect(sendTo.locator('option:checked')).toHaveText(`${a.address} (disconnected)`)
  await server.send('meant for A')
  const alert = server.region.getByRole('alert')
  await expect(alert).toContainText('ERR_NO_CONNECTION')
  await expect(alert).toContainText(`${a.address} has disconnected, so nothing was sent.`)
  await server.expectCount('Bytes sent', 0)

  // B's first bytes are the ones sent to it by choice: "meant for A" never reached it.
  await server.send('for B', { to: b.address })
  expect((await b.inbox.take(5)).toString()).toBe('for B')
  await server.expectCount('Bytes sent', 5)
})
