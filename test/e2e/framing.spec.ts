import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { SessionView, Workbench, choose, endpoint, exactly } from './workbench'

// Receive framing, as a person uses it: a TCP server set to "Length prefix u16 BE" shows one "frame" row per
// message however an outside peer split the bytes; "Show raw chunks" shows the reads they came in.

const peers: TcpPeer[] = []
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
})

/** A frame: a u16 BE length, then that many bytes. */
const lengthPrefixed = (body: string): Buffer => {
  const header = Buffer.alloc(2)
  header.writeUInt16BE(body.length)
  return Buffer.concat([header, Buffer.from(body)])
}

test('a TCP server with a u16 BE length prefix shows three frames sent as seven odd-sized chunks', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  await workbench.chooseMode('TCP server')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(port))
  await workbench.form.getByText('Advanced options').click()
  await choose(workbench.form, exactly('Framing'), 'Length prefix')
  await choose(workbench.form, exactly('Length field'), 'u16 BE')
  await expect(workbench.field('Length offset')).toHaveValue('0')
  await workbench.form.getByRole('button', { name: exactly('Listen') }).click()
  const server = new SessionView(app, `TCP server ${endpoint('127.0.0.1', port)}`)
  await server.expectState('listening')

  const peer = await tcpClient('127.0.0.1', port)
  peers.push(peer)
  peer.socket.setNoDelay(true)
  const stream = Buffer.concat([
    lengthPrefixed('hello'),
    lengthPrefixed('twelve bytes'),
    lengthPrefixed('ok'),
  ])
  const sizes = [1, 3, 5, 3, 7, 3, 3]
  expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(stream.length)
  let sent = 0
  for (const size of sizes) {
    peer.socket.write(stream.subarray(sent, sent + size))
    sent += size
    // Each chunk arrives on its own: the next one is written once the counter shows this one.
    await server.expectCount('Bytes received', sent)
  }

  const frames = server.entries.filter({ hasText: /\bframe\b/i })
  await expect(frames).toHaveCount(3)
  await expect(server.region.getByLabel(exactly('Frames in'))).toHaveText('3')
  await server.expectEntry(/\bframe\b/i, '7 B', 'hello')
  await server.expectEntry(/\bframe\b/i, '14 B', 'twelve bytes')
  await server.expectEntry(/\bframe\b/i, '4 B', 'ok')
  await expect(frames.nth(0)).toContainText('7 B')
  await expect(frames.nth(1)).toContainText('14 B')
  await expect(frames.nth(2)).toContainText('4 B')

  // The framed view leaves the raw chunks out until asked for; then all seven are there, beside the frames.
  const chunks = server.entries.filter({ hasText: /\breceived\b/i })
  await expect(chunks).toHaveCount(0)
  await server.region.getByRole('checkbox', { name: exactly('Show raw chunks') }).check()
  await expect(chunks).toHaveCount(sizes.length)
  await expect(frames).toHaveCount(3)
})
