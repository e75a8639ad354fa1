import { expect, test } from '../helpers/web-host'
import { UdpPeer, freeUdpPort } from './peers'
import { exactly, type SessionView, Workbench } from './workbench'

// Templates in the Send panel (issue 17), against a plain Node UDP socket: the preview shows the bytes before
// anything is sent, a bad macro is an alert, and Repeat runs in the engine with the counter advancing.

let peer: UdpPeer | undefined
test.afterEach(() => {
  peer?.close()
  peer = undefined
})

async function udpTo(workbench: Workbench, target: UdpPeer): Promise<SessionView> {
  const udp = await workbench.bindUdp('127.0.0.1', await freeUdpPort(), {
    host: '127.0.0.1',
    port: target.port,
  })
  await udp.expectState('bound')
  return udp
}

const expandMacros = (udp: SessionView) =>
  udp.region.getByRole('checkbox', { name: exactly('Expand macros') })

test('Expand macros previews the bytes, then the Modbus CRC goes out as previewed', async ({ app }) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const udp = await udpTo(new Workbench(app), peer)
  await expandMacros(udp).check()
  await udp.region.getByRole('combobox', { name: exactly('Encoding') }).selectOption({ label: 'Hex' })
  await udp.message.fill('01 03 00 00 00 0a {{crc16-modbus}}')
  await expect(udp.region.getByRole('status', { name: exactly('Preview') })).toHaveText(
    '01 03 00 00 00 0a c5 cd',
  )
  await udp.region.getByRole('button', { name: exactly('Send') }).click()
  expect((await peer.received()).data.toString('hex')).toBe('01030000000ac5cd')
  await udp.expectCount('Bytes sent', 8)
})

test('a bad macro is an alert naming its position, and nothing is sent', async ({ app }) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const udp = await udpTo(new Workbench(app), peer)
  await expandMacros(udp).check()
  await udp.message.fill('value={{u8:999}}')
  const alert = udp.region.getByRole('alert')
  await expect(alert).toContainText('ERR_PAYLOAD')
  await expect(alert).toContainText('column 12')
  await udp.region.getByRole('button', { name: exactly('Send') }).click()
  await expect(alert).toContainText('ERR_PAYLOAD')
  await udp.expectCount('Bytes sent', 0)
})

test('Repeat runs in the engine: 20 sends at 1 ms, {{counter}} 1…20, progress shown', async ({ app }) => {
  peer = await UdpPeer.bind('127.0.0.1')
  const udp = await udpTo(new Workbench(app), peer)
  await expandMacros(udp).check()
  await udp.message.fill('{{counter}}')
  const repeat = udp.region.getByRole('group', { name: exactly('Repeat') })
  const [every, times] = [repeat.getByRole('textbox').nth(0), repeat.getByRole('textbox').nth(1)]
  await every.fill('1')
  await times.fill('20')
  await repeat.getByRole('button', { name: exactly('Start repeating') }).click()
  await peer.received(19)
  expect(peer.datagrams.map((datagram) => datagram.data.toString())).toEqual(
    Array.from({ length: 20 }, (_, i) => String(i + 1)),
  )
  await expect(repeat.getByRole('status')).toHaveText(/20 of 20 sent/)
  await expect(repeat.getByRole('button', { name: exactly('Start repeating') })).toBeVisible()
})
