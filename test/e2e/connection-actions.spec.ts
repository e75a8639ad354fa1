import type { Socket } from 'node:net'
import { expect, test } from '../helpers/web-host'
import { TcpServerPeer, freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14, "Basics users expect": Reset (RST) per session and per client, and Reconnect in place.

let server: TcpServerPeer | undefined
const clients: TcpPeer[] = []
test.afterEach(() => {
  server?.close()
  server = undefined
  for (const client of clients.splice(0)) client.socket.destroy()
})

/** The error code the socket's close comes with (undefined: it closed without one, e.g. after a FIN). */
function closeCode(socket: Socket): Promise<string | undefined> {
  return new Promise((resolve) => {
    let code: string | undefined
    socket.on('error', (error: NodeJS.ErrnoException) => (code ??= error.code))
    socket.once('close', () => resolve(code))
  })
}

test('Reset (RST) on a TCP client session: the node server peer sees ECONNRESET', async ({ app }) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const remote = await server.accepted()
  await session.expectState('connected')
  const closed = closeCode(remote.socket)

  await session.region.getByRole('button', { name: exactly('Reset (RST)') }).click()
  expect(await closed).toBe('ECONNRESET')
  await session.expectState('closed')
  await session.expectEntry('close')
})

test('Reset (RST) on one client of a TCP server: that client sees ECONNRESET, the other stays', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const session = await workbench.listen('127.0.0.1', port)
  await session.expectState('listening')
  const a = await tcpClient('127.0.0.1', port)
  const b = await tcpClient('127.0.0.1', port)
  clients.push(a, b)
  await expect(session.client(a.address)).toBeVisible()
  await expect(session.client(b.address)).toBeVisible()
  const closed = closeCode(a.socket)

  await session
    .client(a.address)
    .getByRole('button', { name: exactly('Reset (RST)') })
    .click()
  expect(await closed).toBe('ECONNRESET')
  await expect(session.client(a.address)).toHaveCount(0)
  await expect(session.client(b.address)).toBeVisible()

  // Disconnect all ends the rest with a FIN: the peer reads the end of the stream, no reset.
  const bClosed = closeCode(b.socket)
  await session.region.getByRole('button', { name: exactly('Disconnect all') }).click()
  expect(await bClosed).toBeUndefined()
  await expect(session.clients.getByRole('listitem')).toHaveCount(0)
  await session.expectState('listening')
})

test('Reconnect in place: the same session connects again and keeps its earlier log rows', async ({
  app,
}) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const first = await server.accepted(0)
  await session.send('before the drop')
  expect((await first.inbox.take(15)).toString()).toBe('before the drop')
  first.socket.end()
  await session.expectState('closed')

  await session.region.getByRole('button', { name: exactly('Reconnect') }).click()
  const second = await server.accepted(1)
  await session.expectState('connected')
  await expect(app.getByRole('list', { name: /sessions/i }).getByRole('listitem')).toHaveCount(1)
  await session.send('after')
  expect((await second.inbox.take(5)).toString()).toBe('after')
  await session.expectEntry('sent', 'before the drop')
  await session.expectEntry('sent', 'after')
  // Counters go on across the reconnect, as the log does.
  await session.expectCount('Bytes sent', 20)
})

test('Stop accepting, then Resume accepting: new clients are accepted again on the same port', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const session = await workbench.listen('127.0.0.1', port)
  // Clicking Listen only asks the host: connecting before the session says "listening" can be refused.
  await session.expectState('listening')
  const kept = await tcpClient('127.0.0.1', port)
  clients.push(kept)
  await expect(session.client(kept.address)).toBeVisible()
  await session.region.getByRole('button', { name: exactly('Stop accepting') }).click()
  await expect(session.region.getByRole('button', { name: exactly('Resume accepting') })).toBeVisible()
  await expect(session.item).toHaveAccessibleName(/not accepting \(1 client\)/i)
  // Stopped, the port refuses newcomers; the client accepted before stays.
  await expect(tcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

  await session.region.getByRole('button', { name: exactly('Resume accepting') }).click()
  await session.expectState('listening')
  const next = await tcpClient('127.0.0.1', port)
  clients.push(next)
  await expect(session.client(next.address)).toBeVisible()
  await expect(session.client(kept.address)).toBeVisible()
})

test('Half-close (FIN) on a TCP client session: the peer reads the end, and what it sends still arrives', async ({
  app,
}) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const remote = await server.accepted()
  await session.expectState('connected')
  // The node peer answers our FIN with its own by default: it writes first, then ends.
  remote.socket.on('end', () => remote.socket.end('after your FIN'))

  await session.region.getByRole('button', { name: exactly('Half-close (FIN)') }).click()
  await remote.closed
  await session.expectEntry('received', 'after your FIN')
  await session.expectCount('Bytes received', 14)
})

test('auto-reconnect: a client its peer closed connects again by itself after the delay', async ({ app }) => {
  await app.getByText('Settings').click()
  await app.getByRole('checkbox', { name: exactly('Reconnect clients automatically') }).check()
  const delay = app.getByRole('textbox', { name: exactly('Reconnect after (ms)') })
  await delay.fill('300')
  await delay.press('Enter')
  await app.getByText('Settings').click()

  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const first = await server.accepted(0)
  await session.expectState('connected')
  first.socket.end()

  const second = await server.accepted(1)
  await session.expectState('connected')
  second.socket.write('again')
  await session.expectEntry('received', 'again')
  // Closed by the user, it is not reconnected (the store's tests pin that no timer is set).
  await session.close()
  await session.expectState('closed')
  await expect(session.region.getByRole('button', { name: exactly('Reconnect') })).toBeVisible()
})
