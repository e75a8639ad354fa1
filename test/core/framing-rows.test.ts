import { describe, expect, it } from 'vitest'
import { decodeRecord, encodeRecord } from '../../electron/core/capture/capture-format'
import { createEventBatcher } from '../../electron/core/event-batcher'
import type { EventBatch, SessionEvent } from '../../electron/shared'
import { zeroStats } from '../helpers/stats'

// Frame rows travel like data rows: the capture file keeps their bytes, the batcher budgets and trims them.

type FrameEvent = Extract<SessionEvent, { type: 'frame' }>

const frame = (seq: number, bytes: number[]): FrameEvent => ({
  type: 'frame',
  sessionId: 's1',
  connectionId: 'c1',
  seq,
  time: 1_700_000_000_000 + seq,
  byteLength: bytes.length,
  data: Uint8Array.from(bytes),
})

describe('frame rows', () => {
  it('the capture file records a frame with its bytes, and reads it back', () => {
    const event = frame(3, [0, 0xff, 0x0a])
    const line = encodeRecord(event)
    expect(JSON.parse(line)).toMatchObject({ type: 'frame', data: 'AP8K' })
    expect(decodeRecord(JSON.parse(line) as Record<string, unknown>)).toEqual(event)
  })

  it('the batcher counts frames against the rows of a tick and trims their payloads', () => {
    let listener: ((event: SessionEvent) => void) | undefined
    const batches: EventBatch[] = []
    const batcher = createEventBatcher({
      engine: {
        subscribe: (next) => {
          listener = next
          return () => (listener = undefined)
        },
        stats: () => zeroStats(),
        connectionStats: () => undefined,
      },
      send: (batch) => batches.push(batch),
      maxRowsPerSession: 2,
      maxEventsBeforeFlush: 3,
      previewBytes: 2,
    })
    for (let seq = 1; seq <= 3; seq++) listener!(frame(seq, [1, 2, 3]))
    listener!({ type: 'end', sessionId: 's1', connectionId: 'c1', seq: 4, time: 0 })
    listener!({ type: 'end', sessionId: 's1', connectionId: 'c1', seq: 5, time: 0 })
    batcher.dispose()
    expect(batches).toHaveLength(1)
    const [batch] = batches
    expect(batch!.omitted).toEqual({ s1: 1 })
    const rows = batch!.events.filter((event) => event.type === 'frame')
    expect(rows.map((event) => [event.byteLength, [...event.data]])).toEqual([
      [3, [1, 2]],
      [3, [1, 2]],
    ])
  })

  it('the batcher copies a frame that is a view of a larger chunk, so the chunk does not travel with it', () => {
    let listener: ((event: SessionEvent) => void) | undefined
    const batches: EventBatch[] = []
    const batcher = createEventBatcher({
      engine: {
        subscribe: (next) => {
          listener = next
          return () => (listener = undefined)
        },
        stats: () => zeroStats(),
        connectionStats: () => undefined,
      },
      send: (batch) => batches.push(batch),
      maxEventsBeforeFlush: 2,
    })
    const chunk = new Uint8Array(64 * 1024).fill(7)
    const whole = frame(1, [1, 2])
    const view: FrameEvent = { ...frame(2, []), byteLength: 3, data: chunk.subarray(10, 13) }
    listener!(whole)
    listener!(view)
    batcher.dispose()
    const [first, second] = batches[0]!.events as FrameEvent[]
    expect(first!.data).toBe(whole.data)
    expect([...second!.data]).toEqual([7, 7, 7])
    expect(second!.data.buffer.byteLength).toBe(3)
  })
})
