import { expect, test } from '../helpers/web-host'
import { freeUdpPort } from './peers'
import { choose, containing, exactly, Workbench } from './workbench'

// Issue 14, "One draft for all sessions": message, encoding, line ending and View as belong to one session.

test('a new session opens with an empty message; each session keeps its own draft, encoding and View as', async ({
  app,
}) => {
  const workbench = new Workbench(app)
  const first = await workbench.bindUdp('127.0.0.1', await freeUdpPort())
  await first.expectState('bound')
  await first.message.fill('de ad be ef')
  await choose(first.region, exactly('Encoding'), 'Hex')
  await choose(first.region, containing('Line ending'), 'CRLF')
  await first.viewAs('Hex')

  const second = await workbench.bindUdp('127.0.0.1', await freeUdpPort())
  await second.expectState('bound')
  await expect(second.message).toHaveValue('')
  await expect(second.region.getByRole('combobox', { name: exactly('Encoding') })).toHaveValue('text')
  await expect(second.region.getByRole('combobox', { name: containing('Line ending') })).toHaveValue('none')
  await expect(second.region.getByRole('combobox', { name: containing('View as') })).toHaveValue('text')
  await second.message.fill('second session')

  await first.item.click()
  await expect(first.message).toHaveValue('de ad be ef')
  await expect(first.region.getByRole('combobox', { name: exactly('Encoding') })).toHaveValue('hex')
  await expect(first.region.getByRole('combobox', { name: containing('Line ending') })).toHaveValue('crlf')
  await expect(first.region.getByRole('combobox', { name: containing('View as') })).toHaveValue('hex')

  await second.item.click()
  await expect(second.message).toHaveValue('second session')
})
