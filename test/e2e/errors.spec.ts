import { expect, test } from '../helpers/web-host'
import { TcpServerPeer, freeTcpPort } from './peers'
import { Workbench, screenshotBothThemes } from './workbench'

let occupant: TcpServerPeer | undefined
test.afterEach(() => {
  occupant?.close()
  occupant = undefined
})

test('listening on a port in use shows an EADDRINUSE alert', async ({ app }) => {
  occupant = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const server = await workbench.listen('127.0.0.1', occupant.port)
  const alert = workbench.alert('EADDRINUSE')
  await expect(alert).toBeVisible()
  // Besides the code, a plain sentence says what happened.
  await expect(alert).toHaveText(/[a-z]{3,}\s+[a-z]{2,}/i)
  await server.expectState('error')
  await screenshotBothThemes(app, 'error')
})

test('connecting to a port nobody listens on shows an ECONNREFUSED alert', async ({ app }) => {
  const workbench = new Workbench(app)
  const client = await workbench.connect('127.0.0.1', await freeTcpPort())
  await expect(workbench.alert('ECONNREFUSED')).toBeVisible()
  await client.expectState('error')
})
