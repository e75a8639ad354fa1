import { expect, test } from '../helpers/web-host'
import { freeTcpPort, tcpClient, TcpServerPeer, type TcpPeer } from './peers'
import {
  SessionView,
  Workbench,
  choose,
  containing,
  endpoint,
  exactly,
  screenshotBothThemes,
} from './workbench'

// A TCP relay between a node client and a node server, driven through the UI contract's names (Relay).

const peers: TcpPeer[] = []
let upstreamServer: TcpServerPeer | undefined
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
  upstreamServer?.close()
})

async function startRelay(workbench: Workbench, port: number, upstreamPort: number): Promise<SessionView> {
  await choose(workbench.form, containing('Mode'), 'TCP relay')
  await workbench.field('Bind address').fill('127.0.0.1')
  await workbench.field('Local port').fill(String(port))
  await workbench.field('Upstream host').fill('127.0.0.1')
  await workbench.field('Upstream port').fill(String(upstreamPort))
  await workbench.form.getByRole('button', { name: exactly('Start relay') }).click()
  return new SessionView(workbench.page, `TCP relay ${endpoint('127.0.0.1', port)}`)
}

test('both directions are rows with their words; Pause holds a message until resumed', async ({ app }) => {
  upstreamServer = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const relay = await startRelay(workbench, port, upstreamServer.port)
  await relay.expectState('listening')

  const client = await tcpClient('127.0.0.1', port)
  peers.push(client)
  const upstream = await upstreamServer.accepted()
  client.socket.write('hello upstream')
  expect((await upstream.inbox.take(14)).toString()).toBe('hello upstream')
  upstream.socket.write('hello client')
  expect((await client.inbox.take(12)).toString()).toBe('hello client')
  await relay.expectEntry(/\breceived\b/i, /\bto upstream\b/i, 'hello upstream')
  await relay.expectEntry(/\bsent\b/i, /\bto upstream\b/i, 'hello upstream')
  await relay.expectEntry(/\breceived\b/i, /\bto client\b/i, 'hello client')
  await relay.expectEntry(/\bsent\b/i, /\bto client\b/i, 'hello client')

  const faults = relay.region.getByRole('region', { name: exactly('Faults') })
  await expect(faults.getByRole('textbox', { name: exactly('Delay (ms)') })).toBeVisible()
  await expect(faults.getByRole('textbox', { name: exactly('Jitter (ms)') })).toBeVisible()
  await expect(faults.getByRole('textbox', { name: exactly('Drop (%)') })).toBeVisible()
  await faults.getByRole('checkbox', { name: exactly('Pause') }).check()
  await expect(faults.getByRole('status')).toHaveText(/paused/i)

  client.socket.write('held message')
  await relay.expectEntry(/\breceived\b/i, /\bto upstream\b/i, 'held message')
  // Received by the relay, not forwarded: nothing more at the upstream, no "sent" row for it.
  expect(upstream.inbox.text()).toBe('hello upstream')
  const sentHeld = relay.entries.filter({ hasText: /\bsent\b.*held message/is })
  await expect(sentHeld).toHaveCount(0)
  await screenshotBothThemes(app, 'relay-paused')

  await faults.getByRole('checkbox', { name: exactly('Pause') }).uncheck()
  expect((await upstream.inbox.take(26)).toString()).toBe('hello upstreamheld message')
  await relay.expectEntry(/\bsent\b/i, /\bto upstream\b/i, 'held message')
})
