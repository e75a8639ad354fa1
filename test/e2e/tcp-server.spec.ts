import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { Workbench, screenshotBothThemes } from './workbench'

const peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
})

async function outsideClient(port: number): Promise<TcpPeer> {
  const peer = await tcpClient('127.0.0.1', port)
  peers.push(peer)
  return peer
}

test('TCP server accepts outside clients and answers one of them, then all', async ({ app }) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')
  await server.expectEntry('listen')

  const first = await outsideClient(port)
  const second = await outsideClient(port)
  await expect(server.client(first.address)).toBeVisible()
  await expect(server.client(second.address)).toBeVisible()
  await server.expectEntry('accept', first.address)

  first.socket.write('hello from first')
  await server.expectEntry('received', first.address, 'hello from first')
  await server.expectCount('Bytes received', 16)

  await server.send('only for first', { to: first.address })
  expect((await first.inbox.take(14)).toString()).toBe('only for first')

  await server.send('to everyone', { to: 'All clients' })
  expect((await first.inbox.take(25)).toString()).toBe('only for firstto everyone')
  // The second client's first bytes are the broadcast: the message for the first one never reached it.
  expect((await second.inbox.take(11)).toString()).toBe('to everyone')
  await server.expectCount('Bytes sent', 14 + 11 * 2)
  await server.expectEntry('sent', 'to everyone')
})

test('three clients: one disconnected from its row, then Close ends the rest and stops listening', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')

  const clients = [await outsideClient(port), await outsideClient(port), await outsideClient(port)]
  for (const client of clients) await expect(server.client(client.address)).toBeVisible()
  await expect(server.clients.getByRole('listitem')).toHaveCount(3)
  for (const [index, client] of clients.entries()) client.socket.write(`hello from client ${index + 1}\n`)
  for (const [index, client] of clients.entries()) {
    await server.expectEntry('received', client.address, `hello from client ${index + 1}`)
  }
  await server.send('welcome, all three\n', { to: 'All clients' })
  for (const client of clients) expect((await client.inbox.take(19)).toString()).toBe('welcome, all three\n')
  await screenshotBothThemes(app, 'server-with-clients')

  const [first, second, third] = clients as [TcpPeer, TcpPeer, TcpPeer]
  await server
    .client(second.address)
    .getByRole('button', { name: /^\s*disconnect\s*$/i })
    .click()
  await second.closed
  await expect(server.client(second.address)).toHaveCount(0)
  await expect(server.clients.getByRole('listitem')).toHaveCount(2)

  await server.close()
  await Promise.all([first.closed, third.closed])
  await server.expectState('closed')
  await server.expectEntry('close')
  // Not listening any more: a new connection is refused.
  await expect(tcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
})
