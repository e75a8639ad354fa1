import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createCaptureService, readCapture } from '../../../electron/core/capture'
import { nodeTcpClient, nodeTcpServer, type NodeTcpServer } from '../../helpers/peers'
import { EngineHarness } from '../engine/harness'
import { openRelay } from './relay-kit'

// "Record to file" of a relay keeps what the log shows: each row's pair id, side and direction.

let harness: EngineHarness
let server: NodeTcpServer | undefined
let dir: string | undefined
afterEach(async () => {
  await harness.dispose()
  await server?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

it('records both directions of a pair with their leg and direction', async () => {
  harness = new EngineHarness()
  dir = await mkdtemp(join(tmpdir(), 'relay-capture-'))
  server = await nodeTcpServer('127.0.0.1')
  const relay = await openRelay(harness, server.port)
  const captures = createCaptureService({ engine: harness.engine, dir })
  const { path } = await captures.start(relay.id)
  const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
  const upstream = await server.nextPeer()
  client.socket.write('question')
  await upstream.received.waitForBytes(8)
  upstream.socket.write('answer')
  await client.received.waitForBytes(6)
  await harness.waitFor(relay.id, 'sent', (event) => event.direction === 'to-client')
  await captures.stop(relay.id)
  const { events } = await readCapture(path)
  const rows = events.flatMap((event) =>
    event.type === 'received' || event.type === 'sent'
      ? [
          `${event.type} ${event.connectionId} ${event.leg} ${event.direction} ${Buffer.from(event.data).toString()}`,
        ]
      : [],
  )
  expect(rows).toEqual([
    'received c1 client to-upstream question',
    'sent c1 upstream to-upstream question',
    'received c1 upstream to-client answer',
    'sent c1 client to-client answer',
  ])
})
