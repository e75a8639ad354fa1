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

// The Faults region's stall and Inject (issue 19), between a node client and a node server, through the names a
// person reads: "Stall to upstream" stops that way without closing, "Inject" puts a template into a direction.

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

test('Stall to upstream holds a message unread while the other way flows; Inject sends a template', async ({
  app,
}) => {
  upstreamServer = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const relay = await startRelay(workbench, port, upstreamServer.port)
  await relay.expectState('listening')
  const client = await tcpClient('127.0.0.1', port)
  peers.push(client)
  const upstream = await upstreamServer.accepted()
  client.socket.write('first')
  expect((await upstream.inbox.take(5)).toString()).toBe('first')

  const faults = relay.region.getByRole('region', { name: exactly('Faults') })
  await faults.getByRole('checkbox', { name: exactly('Stall to upstream') }).check()
  await expect(faults.getByRole('status')).toHaveText(/stalled to upstream/i)
  client.socket.write('stalled')
  // The other direction still flows; by the time its row shows, the stalled bytes were not even read.
  upstream.socket.write('answer')
  expect((await client.inbox.take(6)).toString()).toBe('answer')
  await relay.expectEntry(/\bsent\b/i, /\bto client\b/i, 'answer')
  await expect(relay.entries.filter({ hasText: 'stalled' })).toHaveCount(0)
  expect(upstream.inbox.text()).toBe('first')
  await screenshotBothThemes(app, 'relay-stalled')

  await faults.getByRole('checkbox', { name: exactly('Stall to upstream') }).uncheck()
  expect((await upstream.inbox.take(12)).toString()).toBe('firststalled')
  await relay.expectEntry(/\bsent\b/i, /\bto upstream\b/i, 'stalled')

  const inject = faults.getByRole('form', { name: exactly('Inject') })
  await inject.getByRole('textbox', { name: exactly('Inject message') }).fill('hello {{counter}}\\n')
  await choose(inject, exactly('Inject direction'), 'to client')
  await choose(inject, exactly('Inject into'), 'All pairs')
  await inject.getByRole('checkbox', { name: exactly('Expand macros') }).check()
  await inject.getByRole('button', { name: exactly('Inject') }).click()
  expect((await client.inbox.take(14)).toString()).toBe('answerhello 1\n')
  await expect(inject.getByText(/Injected 8 bytes into 1 pair/)).toBeVisible()
  await relay.expectEntry(/\bsent\b/i, /\bto client\b/i, 'hello 1')
})
