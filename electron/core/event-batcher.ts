import {
  frameEvent,
  isDataEvent,
  type ConnectionStats,
  type EngineEvent,
  type EventBatch,
  type FramesEvent,
  type SessionEvent,
  type StatsSnapshot,
} from '../shared'
import type { SessionEngine } from './session-engine'

export interface EventBatcherOptions {
  engine: Pick<SessionEngine, 'subscribe' | 'stats' | 'connectionStats'>
  /** Receives every batch; the transport (IPC, web socket) is the caller's business. */
  send: (batch: EventBatch) => void
  /** Longest time an event waits before its batch is sent. */
  intervalMs?: number
  /** Data rows ('sent', 'received', 'frame') of one session kept per batch; the rest are counted in `omitted`. */
  maxRowsPerSession?: number
  /** A batch holding this many events is sent at once instead of waiting for the interval. */
  maxEventsBeforeFlush?: number
  /** Payload bytes kept per data row; `byteLength` still reports the true size. */
  previewBytes?: number
}

export interface EventBatcher {
  /** Stops listening to the engine and drops whatever was not sent yet. */
  dispose(): void
}

export const BatcherDefaults = {
  intervalMs: 33,
  // A log shows about 40 rows; more rows per tick only cost the receiver decoding and rendering.
  maxRowsPerSession: 100,
  maxEventsBeforeFlush: 2_000,
  // A row shows its first 256 bytes; the expanded hex dump shows what the row holds and the true length.
  previewBytes: 1_024,
} as const

// A frame is a data row like a chunk: it may be left out of the display under a flood, never out of the counters.
const isDataRow = isDataEvent

/**
 * Collects engine events and hands them on in batches at most every `intervalMs`, so a flood of
 * traffic costs the receiver a bounded number of messages. Counters are read from the engine when a
 * batch is cut, so they stay exact even when rows are left out.
 */
export function createEventBatcher({
  engine,
  send,
  intervalMs = BatcherDefaults.intervalMs,
  maxRowsPerSession = BatcherDefaults.maxRowsPerSession,
  maxEventsBeforeFlush = BatcherDefaults.maxEventsBeforeFlush,
  previewBytes = BatcherDefaults.previewBytes,
}: EventBatcherOptions): EventBatcher {
  let events: SessionEvent[] = []
  const rowsPerSession = new Map<string, number>()
  const omitted = new Map<string, number>()
  /** Sessions with any event since the last batch, and the connections among them. */
  const touched = new Map<string, Set<string>>()
  let timer: ReturnType<typeof setTimeout> | undefined

  function touch(event: EngineEvent): void {
    let connections = touched.get(event.sessionId)
    if (connections === undefined) {
      connections = new Set()
      touched.set(event.sessionId, connections)
    }
    if (event.connectionId !== undefined) connections.add(event.connectionId)
  }

  function onEvent(event: EngineEvent): void {
    if (event.type === 'frames') return onFrames(event)
    touch(event)
    if (isDataRow(event) && !admitRow(event.sessionId)) return leaveOut(event.sessionId, 1)
    add(event)
  }

  /**
   * The frames of one read, each a 'frame' row as if the engine had sent them one by one: only the rows the
   * session still has room for in this batch are made at all; the rest are counted (nothing flushes a batch
   * between them, so they would all have been left out of this one).
   */
  function onFrames(event: FramesEvent): void {
    for (let index = 0; index < event.count; index++) {
      touch(event)
      if (!admitRow(event.sessionId)) return leaveOut(event.sessionId, event.count - index)
      add(frameEvent(event, index))
    }
  }

  /** Counts a data row of the session; false once its rows for this batch are used up. */
  function admitRow(sessionId: string): boolean {
    const rows = (rowsPerSession.get(sessionId) ?? 0) + 1
    rowsPerSession.set(sessionId, rows)
    return rows <= maxRowsPerSession
  }

  function leaveOut(sessionId: string, rows: number): void {
    omitted.set(sessionId, (omitted.get(sessionId) ?? 0) + rows)
    schedule()
  }

  function add(event: SessionEvent): void {
    events.push(preview(event))
    if (events.length >= maxEventsBeforeFlush) flush()
    else schedule()
  }

  function schedule(): void {
    timer ??= setTimeout(flush, intervalMs)
  }

  function flush(): void {
    if (touched.size === 0) return reset()
    const batch: EventBatch = {
      events,
      omitted: Object.fromEntries(omitted),
      stats: snapshot(),
    }
    reset()
    try {
      send(batch)
    } catch (error) {
      // A flush can run inside the engine's emit: a transport's failure must not reach the sockets.
      console.error('Sending an event batch failed:', error)
    }
  }

  function reset(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    events = []
    rowsPerSession.clear()
    omitted.clear()
    touched.clear()
  }

  /**
   * Cut at arrival, not at flush: holding whole chunks (64 KiB each, hundreds per tick) until the batch is
   * cut lets them outlive the young generation, which the engine pays for in GC time.
   */
  function preview(event: SessionEvent): SessionEvent {
    if (!isDataRow(event)) return event
    const { data } = event
    // A frame is often a view of the chunk it was cut from: it is copied too, or the chunk would travel with it.
    if (data.byteLength <= previewBytes && data.byteLength === data.buffer.byteLength) return event
    // A copy, not a view: a view would keep (and serialise) the whole original buffer.
    return { ...event, data: new Uint8Array(event.data.subarray(0, previewBytes)) }
  }

  function snapshot(): Record<string, StatsSnapshot> {
    const stats: Record<string, StatsSnapshot> = {}
    for (const [sessionId, connectionIds] of touched) {
      const session = readSessionStats(sessionId)
      if (session === undefined) continue
      const connections: Record<string, ConnectionStats> = {}
      for (const connectionId of connectionIds) {
        const connection = engine.connectionStats(sessionId, connectionId)
        if (connection !== undefined) connections[connectionId] = { ...connection }
      }
      stats[sessionId] = { session, connections }
    }
    return stats
  }

  function readSessionStats(sessionId: string): StatsSnapshot['session'] | undefined {
    try {
      // A copy: the batch is a snapshot even if the engine hands out its live counters.
      return { ...engine.stats(sessionId) }
    } catch {
      // The session was removed after its last event; its events still go out, without counters.
      return undefined
    }
  }

  const unsubscribe = engine.subscribe(onEvent)

  return {
    dispose() {
      unsubscribe()
      reset()
    },
  }
}
