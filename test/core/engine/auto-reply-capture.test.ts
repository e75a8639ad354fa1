import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createCaptureService, readCapture } from '../../../electron/core/capture'
import { nodeTcpClient } from '../../helpers/peers'
import { EngineHarness } from './harness'

// A reply is an ordinary send: "Record to file" holds it as a 'sent' record on the connection it answered.

let harness: EngineHarness
let dir: string

beforeEach(async () => {
  harness = new EngineHarness()
  dir = await mkdtemp(join(tmpdir(), 'auto-reply-capture-'))
})

afterEach(async () => {
  await harness.dispose()
  await rm(dir, { recursive: true, force: true })
})

it('records the replies of an auto-reply rule as sends', async () => {
  const { id, port } = await harness.openRequest({
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 0,
    framing: { mode: 'delimiter', delimiter: '\\n' },
    autoReply: { rules: [{ matchType: 'exact', match: 'ping', reply: 'pong\\n' }] },
  })
  const captures = createCaptureService({ engine: harness.engine, dir })
  const { path } = await captures.start(id)
  const client = harness.track(await nodeTcpClient('127.0.0.1', port))
  client.socket.write('ping\nping\n')
  await client.received.waitForBytes(10, 'two pongs')
  await harness.waitForCount(id, 'sent', 2)
  await captures.stop(id)

  const { events } = await readCapture(path)
  const sent = events.filter((event) => event.type === 'sent')
  expect(sent.map((event) => Buffer.from(event.data).toString())).toEqual(['pong\n', 'pong\n'])
  expect(sent.every((event) => event.connectionId === 'c1')).toBe(true)
})
