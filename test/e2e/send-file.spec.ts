import { randomBytes } from 'node:crypto'
import { expect, test } from '../helpers/web-host'
import { TcpServerPeer } from './peers'
import { exactly, Workbench } from './workbench'

// Issue 14, "Send a file": a file chosen with "Send file…" and one dropped on the Send panel reach a node peer
// byte for byte; the large one in pieces, with progress.

let server: TcpServerPeer | undefined
test.afterEach(() => {
  server?.close()
  server = undefined
})

test('a 3 MiB file chosen with "Send file…" and a file dropped on the Send panel reach the peer exactly', async ({
  app,
}) => {
  server = await TcpServerPeer.listen('127.0.0.1')
  const workbench = new Workbench(app)
  const session = await workbench.connect('127.0.0.1', server.port)
  const remote = await server.accepted()
  await session.expectState('connected')

  const large = randomBytes(3 * 1024 * 1024)
  await session.region.getByLabel(exactly('Send file')).setInputFiles({
    name: 'firmware.bin',
    mimeType: 'application/octet-stream',
    buffer: large,
  })
  expect((await remote.inbox.take(large.byteLength, 'the whole file')).equals(large)).toBe(true)
  await expect(session.region.getByText('Sent firmware.bin: 3,145,728 bytes')).toBeVisible()
  await session.expectCount('Bytes sent', large.byteLength)

  // A drop carries a file the page builds, as a drag from the desktop would.
  const dropped = [0x00, 0xff, 0x0d, 0x0a, 0x41]
  // A string, as the test's own TypeScript knows no DOM: the page builds the DataTransfer.
  const dataTransfer = await app.evaluateHandle(
    `(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array(${JSON.stringify(dropped)})], 'dropped.bin'))
      return transfer
    })()`,
  )
  await session.region.getByRole('region', { name: exactly('Send') }).dispatchEvent('drop', { dataTransfer })
  const all = await remote.inbox.take(large.byteLength + dropped.length, 'the dropped file')
  expect([...all.subarray(large.byteLength)]).toEqual(dropped)
  await expect(session.region.getByText('Sent dropped.bin: 5 bytes')).toBeVisible()
  await session.expectCount('Bytes sent', large.byteLength + dropped.length)
})
