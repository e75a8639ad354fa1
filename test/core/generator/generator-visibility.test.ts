import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCaptureService, readCapture } from '../../../electron/core/capture'
import { BatcherDefaults, createEventBatcher } from '../../../electron/core/event-batcher'
import { convertCaptureToPcapng } from '../../../electron/core/pcap/convert-capture'
import {
  isDataEvent,
  startGeneratorRequestSchema,
  type EventBatch,
  type GeneratorReport,
} from '../../../electron/shared'
import { within } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { fields } from '../pcap/pcap-test-kit'
import { EngineHarness } from '../engine/harness'
import { nodeUdpCounter, type UdpCounter } from './generator-peers'

// Generated datagrams are sends like any other: 'sent' rows the batcher samples under a flood (and counts what it
// left out), and records in a capture, which converts to pcapng.

const SIZE = 64

let harness: EngineHarness
let receiver: UdpCounter
let dir: string

beforeEach(async () => {
  harness = new EngineHarness()
  receiver = await nodeUdpCounter()
  dir = await mkdtemp(join(tmpdir(), 'generator-visibility-'))
})

afterEach(async () => {
  await harness.dispose()
  await receiver.close()
  await rm(dir, { recursive: true, force: true })
})

async function generate(count: number): Promise<{ id: string; summary: GeneratorReport }> {
  const { id } = await harness.openRequest({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: receiver.port,
  })
  return { id, summary: await run(id, count) }
}

async function run(id: string, count: number): Promise<GeneratorReport> {
  await harness.engine.startGenerator(startGeneratorRequestSchema.parse({ sessionId: id, size: SIZE, count }))
  const done = await harness.waitFor(id, 'generator', (event) => event.report.phase === 'done', 20_000)
  return done.report
}

describe('UDP generator: what the user sees', () => {
  it('makes a sent row per datagram; the batcher shows at most its cap per batch and counts the rest', async () => {
    const count = 5_000
    const batches: EventBatch[] = []
    let shownOrOmitted = 0
    let reached: () => void = () => undefined
    const allAccounted = new Promise<void>((resolve) => (reached = resolve))
    const batcher = createEventBatcher({
      engine: harness.engine,
      send: (batch) => {
        batches.push(batch)
        shownOrOmitted +=
          batch.events.filter((event) => event.type === 'sent').length +
          Object.values(batch.omitted).reduce((sum, omitted) => sum + omitted, 0)
        if (shownOrOmitted >= count) reached()
      },
    })
    try {
      const { id, summary } = await generate(count)
      expect(summary).toMatchObject({ sent: count, errors: 0 })
      await within(allAccounted, `${count} sent rows shown or counted as omitted (got ${shownOrOmitted})`)
      const shown = batches.flatMap((batch) => batch.events.filter((event) => event.type === 'sent'))
      const omitted = batches.reduce((sum, batch) => sum + (batch.omitted[id] ?? 0), 0)
      expect(shown.length + omitted).toBe(count)
      // A flood: rows were left out, and no batch carried more than its cap.
      expect(omitted).toBeGreaterThan(0)
      for (const batch of batches) {
        const rows = batch.events.filter((event) => event.sessionId === id && isDataEvent(event)).length
        expect(rows).toBeLessThanOrEqual(BatcherDefaults.maxRowsPerSession)
      }
      expect(shown.every((event) => event.byteLength === SIZE && event.remote?.port === receiver.port)).toBe(
        true,
      )
      // The counters stay exact whatever the view left out.
      expect(batches.at(-1)?.stats[id]?.session).toMatchObject({ bytesOut: count * SIZE, messagesOut: count })
    } finally {
      batcher.dispose()
    }
  })

  it('is recorded by a capture, datagram for datagram', async () => {
    const count = 1_000
    const { path } = await recordRun(count)
    const { events, partialTail } = await readCapture(path)
    expect(partialTail).toBe(0)
    const sent = events.filter((event) => event.type === 'sent')
    expect(sent).toHaveLength(count)
    expect(sent.every((event) => event.byteLength === SIZE && event.remote?.port === receiver.port)).toBe(
      true,
    )
  })

  needs('tshark').it(
    'a recorded run converts to pcapng that tshark reads, one UDP packet per datagram',
    async () => {
      const count = 500
      const { path } = await recordRun(count)
      const pcapng = join(dir, 'generated.pcapng')
      expect((await convertCaptureToPcapng(path, pcapng)).packets).toBe(count)
      const rows = await fields(pcapng, ['udp.dstport', 'udp.length'])
      expect(rows).toHaveLength(count)
      expect(
        rows.every(([port, length]) => port === String(receiver.port) && length === String(SIZE + 8)),
      ).toBe(true)
    },
  )
})

/** A generator run of `count` datagrams with Record to file on; answers the finished capture's path. */
async function recordRun(count: number): Promise<{ path: string }> {
  const { id } = await harness.openRequest({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: receiver.port,
  })
  const captures = createCaptureService({ engine: harness.engine, dir })
  const { path } = await captures.start(id)
  expect((await run(id, count)).sent).toBe(count)
  await captures.stop(id)
  return { path }
}
