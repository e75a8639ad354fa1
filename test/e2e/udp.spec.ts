import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'
import { Workbench } from './workbench'

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

test('UDP both ways: the log shows who sent each datagram', async ({ app }) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const workbench = new Workbench(app)
  const port = await freeUdpPort()
  const udp = await workbench.bindUdp('127.0.0.1', port)
  await udp.expectState('bound')
  await udp.expectEntry('bind')

  await peer.send('ping from outside', port, '127.0.0.1')
  await udp.expectEntry('received', `127.0.0.1:${peer.port}`, 'ping from outside')
  await udp.expectCount('Bytes received', 17)

  await udp.sendUdp('pong', '127.0.0.1', peer.port)
  const datagram = await peer.received()
  expect(datagram.data.toString()).toBe('pong')
  expect(datagram.from).toMatchObject({ address: '127.0.0.1', port })
  await udp.expectEntry('sent', `127.0.0.1:${peer.port}`, 'pong')
  await udp.expectCount('Bytes sent', 4)
})

test('UDP with a default destination still hears everyone, and sends there by default', async ({ app }) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const stranger = await UdpPeer.bind('127.0.0.1')
  try {
    const workbench = new Workbench(app)
    const port = await freeUdpPort()
    const udp = await workbench.bindUdp('127.0.0.1', port, { host: '127.0.0.1', port: peer.port })
    await udp.expectState('bound')

    await stranger.send('hello from a stranger', port, '127.0.0.1')
    await udp.expectEntry('received', `127.0.0.1:${stranger.port}`, 'hello from a stranger')

    await udp.send('to the default')
    expect((await peer.received()).data.toString()).toBe('to the default')
  } finally {
    stranger.close()
  }
})

test('"Bind address" names one field, also with the advanced options open', async ({ app }) => {
  const workbench = new Workbench(app)
  await workbench.chooseMode('UDP')
  await workbench.form.getByText('Advanced options').click()
  await expect(workbench.form.getByRole('combobox', { name: 'Socket type' })).toBeVisible()
  // The socket type's option text is part of its label's text: it must not read "… bind address".
  await expect(app.getByLabel('Bind address')).toHaveCount(1)
  await app.getByLabel('Bind address').fill('127.0.0.1')
  await expect(workbench.field('Bind address')).toHaveValue('127.0.0.1')
})
