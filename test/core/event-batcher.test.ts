import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEventBatcher, type EventBatcherOptions } from '../../electron/core/event-batcher'
import type {
  ConnectionStats,
  EngineEvent,
  EventBatch,
  FramesEvent,
  SessionEvent,
  SessionStats,
} from '../../electron/shared'
import { zeroStats } from '../helpers/stats'

type EventSource = EventBatcherOptions['engine']
/** A SessionEvent without the fields the source fills in. */
type EventInput = SessionEvent extends infer E
  ? E extends SessionEvent
    ? Omit<E, 'seq' | 'time'>
    : never
  : never

/** Stands in for the engine: events are emitted by hand and counters follow what was emitted. */
class FakeEventSource implements EventSource {
  readonly sessions = new Map<string, SessionStats>()
  readonly connections = new Map<string, ConnectionStats>()
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private seq = 0

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  stats(sessionId: string): SessionStats {
    const stats = this.sessions.get(sessionId)
    if (stats === undefined) throw new Error(`unknown session ${sessionId}`)
    return stats
  }

  connectionStats(_sessionId: string, connectionId: string): ConnectionStats | undefined {
    return this.connections.get(connectionId)
  }

  open(sessionId: string): void {
    this.sessions.set(sessionId, zeroStats())
    this.emit({ type: 'state', state: 'listening', sessionId })
  }

  /** Counts like the engine does (the live objects mutate), then emits. */
  receive(sessionId: string, data: Uint8Array, connectionId?: string): void {
    const session = this.stats(sessionId)
    session.bytesIn += data.byteLength
    session.messagesIn += 1
    if (connectionId !== undefined) {
      const connection = this.connections.get(connectionId) ?? {
        bytesIn: 0,
        bytesOut: 0,
        messagesIn: 0,
        messagesOut: 0,
        queuedBytes: 0,
        framesIn: 0,
      }
      connection.bytesIn += data.byteLength
      connection.messagesIn += 1
      this.connections.set(connectionId, connection)
    }
    this.emit({ type: 'received', sessionId, connectionId, byteLength: data.byteLength, data })
  }

  /** The frames `data[starts[i], ends[i])` of one read as the engine sends them: one event, a number each. */
  frames(sessionId: string, data: Uint8Array, bounds: Array<[number, number]>): void {
    this.stats(sessionId).framesIn += bounds.length
    const event: FramesEvent = {
      type: 'frames',
      sessionId,
      seq: this.seq + 1,
      time: performance.timeOrigin + performance.now(),
      count: bounds.length,
      data,
      starts: Uint32Array.from(bounds, ([start]) => start),
      ends: Uint32Array.from(bounds, ([, end]) => end),
    }
    this.seq += bounds.length
    for (const listener of this.listeners) listener(event)
  }

  emit(event: EventInput): void {
    const full = {
      ...event,
      seq: ++this.seq,
      time: performance.timeOrigin + performance.now(),
    } as SessionEvent
    for (const listener of this.listeners) listener(full)
  }
}

describe('createEventBatcher', () => {
  let source: FakeEventSource
  let batches: EventBatch[]
  let dispose: (() => void) | undefined

  const start = (options: Partial<EventBatcherOptions> = {}) => {
    const batcher = createEventBatcher({ engine: source, send: (batch) => batches.push(batch), ...options })
    dispose = () => batcher.dispose()
    return batcher
  }

  beforeEach(() => {
    vi.useFakeTimers()
    source = new FakeEventSource()
    batches = []
  })

  afterEach(() => {
    dispose?.()
    vi.useRealTimers()
  })

  it('sends nothing until the interval has passed, then one batch with every event in order', () => {
    start({ intervalMs: 33 })
    source.open('s1')
    source.receive('s1', new Uint8Array([1]))
    source.receive('s1', new Uint8Array([2]))
    vi.advanceTimersByTime(32)
    expect(batches).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.events.map((event) => event.type)).toEqual(['state', 'received', 'received'])
    expect(batches[0]!.events.map((event) => event.seq)).toEqual([1, 2, 3])
  })

  it('sends no empty batches while idle', () => {
    start({ intervalMs: 33 })
    source.open('s1')
    vi.advanceTimersByTime(33)
    vi.advanceTimersByTime(1_000)
    expect(batches).toHaveLength(1)
  })

  it('sends at once when the batch reaches maxEventsBeforeFlush', () => {
    start({ intervalMs: 1_000, maxEventsBeforeFlush: 10, maxRowsPerSession: 100 })
    source.open('s1')
    for (let i = 0; i < 9; i++) source.receive('s1', new Uint8Array([i]))
    expect(batches).toHaveLength(1)
    expect(batches[0]!.events).toHaveLength(10)
    source.receive('s1', new Uint8Array([42]))
    expect(batches).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    expect(batches).toHaveLength(2)
    expect(batches[1]!.events).toHaveLength(1)
  })

  it('caps data rows per session per batch and reports the rest in omitted', () => {
    start({ maxRowsPerSession: 3 })
    source.open('a')
    source.open('b')
    for (let i = 0; i < 10; i++) source.receive('a', new Uint8Array([i]))
    source.receive('b', new Uint8Array([1]))
    vi.advanceTimersByTime(33)
    const [batch] = batches
    const rowsOf = (sessionId: string) =>
      batch!.events.filter((event) => event.sessionId === sessionId && event.type === 'received')
    expect(rowsOf('a')).toHaveLength(3)
    expect(rowsOf('b')).toHaveLength(1)
    expect(batch!.omitted).toEqual({ a: 7 })
    // The counters include the rows that were not shown.
    expect(batch!.stats['a']!.session.messagesIn).toBe(10)
  })

  it('starts a fresh cap in the next batch', () => {
    start({ maxRowsPerSession: 2 })
    source.open('a')
    for (let i = 0; i < 5; i++) source.receive('a', new Uint8Array([i]))
    vi.advanceTimersByTime(33)
    for (let i = 0; i < 2; i++) source.receive('a', new Uint8Array([i]))
    vi.advanceTimersByTime(33)
    expect(batches.map((batch) => batch.omitted)).toEqual([{ a: 3 }, {}])
    expect(batches[1]!.events).toHaveLength(2)
  })

  it('never drops lifecycle events, however many data rows were cut', () => {
    start({ maxRowsPerSession: 1 })
    source.open('a')
    source.receive('a', new Uint8Array([1]))
    source.receive('a', new Uint8Array([2]))
    source.emit({
      type: 'accept',
      sessionId: 'a',
      connectionId: 'c1',
      local: endpoint(9000),
      remote: endpoint(50000),
    })
    source.receive('a', new Uint8Array([3]))
    source.emit({ type: 'error', sessionId: 'a', error: { code: 'ECONNRESET', message: 'reset' } })
    source.emit({ type: 'close', sessionId: 'a', scope: 'session', cause: 'local' })
    vi.advanceTimersByTime(33)
    expect(batches[0]!.events.map((event) => event.type)).toEqual([
      'state',
      'received',
      'accept',
      'error',
      'close',
    ])
    expect(batches[0]!.omitted).toEqual({ a: 2 })
  })

  it('cuts payloads to previewBytes as a copy and keeps the true byteLength', () => {
    start({ previewBytes: 4 })
    source.open('a')
    const big = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
    const small = new Uint8Array([9, 9])
    source.receive('a', big)
    source.receive('a', small)
    vi.advanceTimersByTime(33)
    const [bigRow, smallRow] = batches[0]!.events.filter((event) => event.type === 'received')
    expect(bigRow).toMatchObject({ byteLength: 8, data: new Uint8Array([1, 2, 3, 4]) })
    if (bigRow?.type !== 'received') throw new Error('expected a received row')
    expect(bigRow.data.buffer.byteLength).toBe(4)
    expect(big).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))
    expect(smallRow).toMatchObject({ byteLength: 2, data: small })
  })

  it('takes the preview when the row arrives, so the batch holds no whole chunk until it is cut', () => {
    start({ previewBytes: 2 })
    source.open('a')
    const chunk = new Uint8Array([1, 2, 3, 4])
    source.receive('a', chunk)
    chunk.fill(0) // a reused read buffer: the row must already hold its own bytes
    vi.advanceTimersByTime(33)
    const row = batches[0]!.events.find((event) => event.type === 'received')
    expect(row).toMatchObject({ byteLength: 4, data: new Uint8Array([1, 2]) })
  })

  it('keeps counters exact across batches, read when each batch is cut', () => {
    start({ maxRowsPerSession: 2 })
    source.open('a')
    for (let i = 0; i < 5; i++) source.receive('a', new Uint8Array(10), 'c1')
    vi.advanceTimersByTime(33)
    for (let i = 0; i < 3; i++) source.receive('a', new Uint8Array(7), 'c1')
    source.receive('a', new Uint8Array(1), 'c2')
    vi.advanceTimersByTime(33)

    expect(batches).toHaveLength(2)
    expect(batches[0]!.stats['a']!.session).toMatchObject({ bytesIn: 50, messagesIn: 5 })
    expect(batches[0]!.stats['a']!.connections).toEqual({
      c1: { bytesIn: 50, bytesOut: 0, messagesIn: 5, messagesOut: 0, queuedBytes: 0, framesIn: 0 },
    })
    expect(batches[1]!.stats['a']!.session).toMatchObject({ bytesIn: 72, messagesIn: 9 })
    expect(batches[1]!.stats['a']!.connections).toEqual({
      c1: { bytesIn: 71, bytesOut: 0, messagesIn: 8, messagesOut: 0, queuedBytes: 0, framesIn: 0 },
      c2: { bytesIn: 1, bytesOut: 0, messagesIn: 1, messagesOut: 0, queuedBytes: 0, framesIn: 0 },
    })
    // Snapshots, not the engine's live objects: later traffic does not rewrite a sent batch.
    expect(batches[0]!.stats['a']!.session.bytesIn).toBe(50)
  })

  it('reports stats only for sessions and connections touched since the last batch', () => {
    start()
    source.open('a')
    source.open('b')
    source.receive('a', new Uint8Array(3), 'c1')
    vi.advanceTimersByTime(33)
    source.receive('b', new Uint8Array(2), 'c2')
    vi.advanceTimersByTime(33)
    expect(Object.keys(batches[1]!.stats)).toEqual(['b'])
    expect(Object.keys(batches[1]!.stats['b']!.connections)).toEqual(['c2'])
  })

  it('still sends the events of a session removed before the batch was cut, without its counters', () => {
    start()
    source.open('gone')
    source.sessions.delete('gone')
    vi.advanceTimersByTime(33)
    expect(batches[0]!.events).toHaveLength(1)
    expect(batches[0]!.stats).toEqual({})
  })

  it('keeps a failing send away from the engine, and sends the next batch', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    let failures = 1
    start({
      maxEventsBeforeFlush: 2,
      send: (batch) => {
        if (failures-- > 0) throw new Error('transport gone')
        batches.push(batch)
      },
    })
    source.open('a')
    expect(() => source.receive('a', new Uint8Array([1]))).not.toThrow()
    expect(consoleError).toHaveBeenCalledOnce()
    source.receive('a', new Uint8Array([2]))
    vi.advanceTimersByTime(33)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.stats['a']!.session.messagesIn).toBe(2)
    consoleError.mockRestore()
  })

  describe('the frames of one read, batched by the engine in one event', () => {
    /** A read of `count` 3-byte frames, each `[index, index, index]`. */
    const read = (count: number): { data: Uint8Array; bounds: Array<[number, number]> } => ({
      data: Uint8Array.from({ length: count * 3 }, (_, at) => Math.floor(at / 3)),
      bounds: Array.from({ length: count }, (_, index): [number, number] => [index * 3, index * 3 + 3]),
    })

    it('is one frame row per frame, numbered and timed as separate events, each a copy of its own bytes', () => {
      start()
      source.open('a')
      const { data, bounds } = read(5)
      source.frames('a', data, bounds)
      source.emit({ type: 'end', sessionId: 'a' })
      vi.advanceTimersByTime(33)
      const events = batches[0]!.events
      expect(events.map((event) => [event.type, event.seq])).toEqual([
        ['state', 1],
        ...[2, 3, 4, 5, 6].map((seq) => ['frame', seq]),
        ['end', 7],
      ])
      const rows = events.filter((event) => event.type === 'frame')
      expect(rows.map((row) => [row.byteLength, [...row.data]])).toEqual(
        [0, 1, 2, 3, 4].map((index) => [3, [index, index, index]]),
      )
      expect(rows.every((row) => row.data.buffer.byteLength === 3)).toBe(true)
      expect(new Set(rows.map((row) => row.time)).size).toBe(1)
      expect(batches[0]!.omitted).toEqual({})
    })

    it("counts its frames against the session's rows like separate rows; the rest are omitted, and the counters stay exact", () => {
      start({ maxRowsPerSession: 4 })
      source.open('a')
      const { data, bounds } = read(10)
      source.receive('a', data)
      source.frames('a', data, bounds)
      vi.advanceTimersByTime(33)
      const [batch] = batches
      expect(batch!.events.map((event) => event.type)).toEqual([
        'state',
        'received',
        'frame',
        'frame',
        'frame',
      ])
      expect(batch!.omitted).toEqual({ a: 7 })
      expect(batch!.stats['a']!.session.framesIn).toBe(10)
      source.frames('a', data, bounds.slice(0, 2))
      vi.advanceTimersByTime(33)
      expect(batches[1]!.events.map((event) => event.seq)).toEqual([13, 14])
    })

    it('goes on in the next batch when one fills up between its frames', () => {
      start({ intervalMs: 1_000, maxEventsBeforeFlush: 4, maxRowsPerSession: 3 })
      source.open('a')
      const { data, bounds } = read(8)
      source.frames('a', data, bounds)
      vi.advanceTimersByTime(1_000)
      // Rows 1–3 fill the first batch (with the state event); the cap starts afresh in the second.
      expect(batches.map((batch) => batch.events.map((event) => event.seq))).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7],
      ])
      expect(batches.map((batch) => batch.omitted)).toEqual([{}, { a: 2 }])
    })
  })

  it('dispose unsubscribes, stops the timer and drops what was pending', () => {
    const batcher = start()
    source.open('a')
    batcher.dispose()
    expect(source.listenerCount).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    source.emit({ type: 'state', sessionId: 'a', state: 'closed' })
    vi.advanceTimersByTime(1_000)
    expect(batches).toHaveLength(0)
  })
})

function endpoint(port: number) {
  return { address: '127.0.0.1', port, family: 'IPv4' as const }
}
