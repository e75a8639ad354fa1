import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from '../helpers/web-host'
import { skipWithoutTools } from './needs-tools'
import { freeTcpPort, tcpClient } from './peers'
import { Workbench } from './workbench'

// Record to file, then Export pcapng: the file the host writes opens in tshark with the session's bytes.

const run = promisify(execFile)

skipWithoutTools(['tshark'], 'the pcapng journey')

test('a recorded TCP server session exports as pcapng that tshark reads back', async ({ app }) => {
  const workbench = new Workbench(app)
  const port = await freeTcpPort()
  const server = await workbench.listen('127.0.0.1', port)
  await server.expectState('listening')
  await server.region.getByRole('button', { name: 'Record to file' }).click()
  await expect(server.region.getByRole('button', { name: 'Stop recording' })).toBeVisible()

  const client = await tcpClient('127.0.0.1', port)
  try {
    client.socket.write('captured for wireshark')
    await server.expectEntry('received', client.address, 'captured for wireshark')
  } finally {
    client.socket.destroy()
  }
  await server.region.getByRole('button', { name: 'Stop recording' }).click()
  await server.region.getByRole('button', { name: 'Export pcapng' }).click()

  const path = server.region.locator('code', { hasText: '.pcapng' })
  await expect(path).toBeVisible()
  const file = (await path.textContent())!.trim()
  const { stdout } = await run('tshark', ['-r', file, '-T', 'fields', '-e', 'data.data', '-Y', 'data'])
  expect(Buffer.from(stdout.trim(), 'hex').toString()).toBe('captured for wireshark')
})
