import { expect, test } from '../helpers/web-host'
import { TcpServerPeer, freeTcpPort, tcpClient, type TcpPeer } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14: state words were stale: "connected" after Stop accepting and after the peer's FIN.

const peers: TcpPeer[] = []
let server: TcpServerPeer | undefined
test.afterEach(() => {
  for (const peer of peers.splice(0)) peer.socket.destroy()
  server?.close()
  server = undefined
})

test('a server that stopped accepting says "not accepting (2 clients)"; a half-open client whose peer sent FIN says "half-closed by peer"', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const listening = await workbench.listen('127.0.0.1', port)
  await listening.expectState('listening')
  peers.push(await tcpClient('127.0.0.1', port), await tcpClient('127.0.0.1', port))
  await expect(listening.clients.getByRole('listitem')).toHaveCount(2)
  await listening.region.getByRole('button', { name: exactly('Stop accepting') }).click()
  await expect(listening.item).toHaveAccessibleName(/not accepting \(2 clients\)$/)

  server = await TcpServerPeer.listen('127.0.0.1')
  await workbench.chooseMode('TCP client')
  await workbench.form.getByText('Advanced options').click()
  await workbench.form.getByRole('checkbox', { name: /Keep half-open/ }).check()
  const client = await workbench.connect('127.0.0.1', server.port)
  await client.expectState('connected')
  ;(await server.accepted()).socket.end()
  await expect(client.item).toHaveAccessibleName(/half-closed by peer$/)
})
