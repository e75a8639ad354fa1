import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HandlerDeps, HandlerTable } from '../../../electron/core/handler-table'
import { createWorkbench } from '../../../electron/core/workbench'
import { OwnErrorCode, type GeneratorReport } from '../../../electron/shared'
import { EngineHarness } from '../engine/harness'
import { nodeUdpCounter, type UdpCounter } from './generator-peers'

// generator:start and generator:stop through the one validated handler table, as IPC and the web host call it.

let harness: EngineHarness
let table: HandlerTable
let receiver: UdpCounter

beforeEach(async () => {
  harness = new EngineHarness()
  table = createWorkbench({
    dataDir: join(tmpdir(), 'generator-handlers-test'),
    engine: harness.engine,
    profiles: { recordRecent: async () => undefined } as Partial<
      HandlerDeps['profiles']
    > as HandlerDeps['profiles'],
    captureDir: join(tmpdir(), 'generator-handlers-test-captures'),
  }).handlers
  receiver = await nodeUdpCounter()
})

afterEach(async () => {
  await harness.dispose()
  await receiver.close()
})

async function udpSession(): Promise<string> {
  const opened = await table.openSession({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: receiver.port,
  })
  if (!opened.ok) throw new Error(opened.error.message)
  return opened.value.id
}

describe('generator channels', () => {
  it.each([
    ['a negative rate', { rate: -1 }],
    ['a rate of messages above the cap', { rate: 1e8 }],
    ['a fractional size', { size: 1.5 }],
    ['a size and data at once', { size: 4, data: new Uint8Array(4) }],
    ['a count of 0', { count: 0 }],
    ['an unknown key', { burst: 10 }],
    ['a rate unit of its own', { rate: 1, rateUnit: 'packets' }],
  ])('refuse %s with ERR_INVALID_REQUEST and send nothing', async (_what, extra) => {
    const sessionId = await udpSession()
    const refused = await table.startGenerator({ sessionId, ...extra })
    expect(refused).toMatchObject({ ok: false, error: { code: OwnErrorCode.invalidRequest } })
    expect(harness.ofType(sessionId, 'generator')).toHaveLength(0)
    expect(harness.engine.stats(sessionId).bytesOut).toBe(0)
  })

  it('start answers the first figures; stop answers the summary; a second stop is refused', async () => {
    const sessionId = await udpSession()
    const started = await table.startGenerator({ sessionId, rate: 1_000, size: 32 })
    expect(started).toMatchObject({ ok: true, value: { role: 'sender', phase: 'running', askedRate: 1_000 } })
    await receiver.waitForCount(100)
    const stopped = await table.stopGenerator({ sessionId })
    expect(stopped.ok).toBe(true)
    const summary = (stopped as { value: GeneratorReport }).value
    expect(summary).toMatchObject({ phase: 'done', endReason: 'stopped', messageBytes: 32 })
    expect(summary.sent).toBeGreaterThanOrEqual(100)
    expect(await table.stopGenerator({ sessionId })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.wrongState },
    })
    expect(await table.stopGenerator({ sessionId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.unknownSession },
    })
  })
})
