import { BatcherDefaults, createEventBatcher } from '../../../electron/core/event-batcher'
import { zeroStats } from '../../helpers/stats'
import type { SessionEngine } from '../../../electron/core/session-engine'
import { encodeWire, type EventBatch, type SessionEvent, type SessionStats } from '../../../electron/shared'
import type { Benchmark, Measurement } from '../bench-types'
import { round } from '../stats'

const EVENTS = 200_000
/** Events handed over per macrotask, so the batcher's timer can fire in between, as on a real event loop. */
const PER_TURN = 2_000
const PAYLOAD = new Uint8Array(64).fill(0x64)

type Serialise = (batch: EventBatch) => unknown

/** Exact counters the way the engine keeps them, and events as it emits them. */
function eventSource() {
  const stats: SessionStats = zeroStats()
  let listener: ((event: SessionEvent) => void) | undefined
  let seq = 0
  const engine: Pick<SessionEngine, 'subscribe' | 'stats' | 'connectionStats'> = {
    subscribe: (next) => ((listener = next), () => (listener = undefined)),
    stats: () => stats,
    connectionStats: () => undefined,
  }
  function emit(): SessionEvent {
    stats.bytesIn += PAYLOAD.byteLength
    stats.messagesIn++
    const event: SessionEvent = {
      type: 'received',
      sessionId: 's1',
      seq: ++seq,
      time: performance.timeOrigin + performance.now(),
      byteLength: PAYLOAD.byteLength,
      data: PAYLOAD,
      remote: { address: '127.0.0.1', port: 5555, family: 'IPv4' },
    }
    listener?.(event)
    return event
  }
  return { engine, stats, emit }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Events per second through the batcher, until the batch carrying the final counters is serialised. */
async function batched(
  serialise: Serialise,
  maxRowsPerSession?: number,
): Promise<{ rate: number; messages: number }> {
  const source = eventSource()
  let messages = 0
  let done: () => void = () => {}
  const finished = new Promise<void>((resolve) => (done = resolve))
  const batcher = createEventBatcher({
    engine: source.engine,
    maxRowsPerSession,
    send: (batch) => {
      serialise(batch)
      messages++
      if (batch.stats.s1?.session.messagesIn === EVENTS) done()
    },
  })
  const started = performance.now()
  for (let sent = 0; sent < EVENTS; sent += PER_TURN) {
    for (let i = 0; i < PER_TURN; i++) source.emit()
    await nextTurn()
  }
  await finished
  const seconds = (performance.now() - started) / 1000
  batcher.dispose()
  return { rate: EVENTS / seconds, messages }
}

/** The naive forwarder: one message per event, each with its counters. */
async function oneByOne(serialise: Serialise): Promise<number> {
  const source = eventSource()
  const started = performance.now()
  for (let sent = 0; sent < EVENTS; sent += PER_TURN) {
    for (let i = 0; i < PER_TURN; i++) {
      const event = source.emit()
      serialise({
        events: [event],
        omitted: {},
        stats: { s1: { session: { ...source.stats }, connections: {} } },
      })
    }
    await nextTurn()
  }
  return EVENTS / ((performance.now() - started) / 1000)
}

async function compare(
  name: string,
  serialiser: string,
  serialise: Serialise,
  maxRowsPerSession?: number,
): Promise<Measurement> {
  const baseline = await oneByOne(serialise)
  const ours = await batched(serialise, maxRowsPerSession)
  const rows =
    maxRowsPerSession === undefined
      ? `rows past ${BatcherDefaults.maxRowsPerSession}/session/tick sent as a count`
      : 'every row sent'
  return {
    result: {
      name,
      unit: 'events/s',
      ours: round(ours.rate, 0),
      higherIsBetter: true,
      baseline: round(baseline, 0),
      baselineName: `one ${serialiser} message per event`,
    },
    ratioGoal: 1,
    note: `${EVENTS.toLocaleString('en-US')} × 64 B received events → ${ours.messages} ${ours.messages === 1 ? 'batch' : 'batches'} (${serialiser}); ${rows}`,
  }
}

export const ipcBatch: Benchmark = {
  name: 'ipc-batch',
  async run() {
    return [
      await compare('ipc-batch', 'structuredClone', (batch) => structuredClone(batch)),
      await compare('ipc-batch/every-row', 'structuredClone', (batch) => structuredClone(batch), Infinity),
      await compare('ipc-batch/web-json', 'encodeWire JSON', encodeWire),
    ]
  },
}
