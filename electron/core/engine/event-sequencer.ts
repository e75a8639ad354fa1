import type {
  DataEvent,
  EngineEvent,
  Endpoint,
  FramesEvent,
  RelayDirection,
  RelayLeg,
  SessionEvent,
} from '../../shared'

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'sessionId' | 'seq' | 'time'> : never

/** An event as a session builds it; the sequencer adds session id, sequence number and time. */
export type EventBody = WithoutEnvelope<SessionEvent>

export type EventSink = (event: EngineEvent) => void

/** A relay's data rows name the pair's socket and the way the bytes flow. */
export interface RelayTags {
  leg: RelayLeg
  direction: RelayDirection
}

/** Fixed for the process; read once, as each read of the getter is a call into the runtime. */
const timeOrigin = performance.timeOrigin

/** Epoch milliseconds with sub-millisecond precision, monotonic within the process. */
export const eventTime = (): number => timeOrigin + performance.now()

/** Adds where a data event's bytes came from or went (those given) to the event. */
function withPlace<T extends DataEvent | FramesEvent>(
  event: T,
  remote: Endpoint | undefined,
  connectionId: string | undefined,
  tags: RelayTags | undefined,
): T {
  if (remote !== undefined) event.remote = remote
  if (connectionId !== undefined) event.connectionId = connectionId
  if (tags !== undefined) {
    event.leg = tags.leg
    event.direction = tags.direction
  }
  return event
}

/** Stamps one session's events with a strictly increasing sequence number (from 1) and the time. */
export class EventSequencer {
  private seq = 0

  constructor(
    private readonly sessionId: string,
    private readonly sink: EventSink,
  ) {}

  emit(body: EventBody): void {
    this.seq += 1
    this.sink({ ...body, sessionId: this.sessionId, seq: this.seq, time: eventTime() })
  }

  /**
   * One data row, built as a literal of one shape. The spread in emit() sees every kind of event, goes
   * megamorphic, and under a flood cost the engine more than reading the socket did.
   */
  emitData(
    type: DataEvent['type'],
    data: Uint8Array,
    remote: Endpoint | undefined,
    connectionId: string | undefined,
    tags?: RelayTags,
  ): void {
    this.seq += 1
    const event: DataEvent = {
      type,
      sessionId: this.sessionId,
      seq: this.seq,
      time: eventTime(),
      byteLength: data.byteLength,
      data,
    }
    this.sink(withPlace(event, remote, connectionId, tags))
  }

  /**
   * The frames `data[starts[i], ends[i])` cut from one read, as one event that takes one sequence number per
   * frame: subscribers that show them one by one (frameEvent) number them as separate rows would have been.
   */
  emitFrames(
    data: Uint8Array,
    starts: Uint32Array,
    ends: Uint32Array,
    remote: Endpoint | undefined,
    connectionId: string | undefined,
    tags?: RelayTags,
  ): void {
    const count = starts.length
    const event: FramesEvent = {
      type: 'frames',
      sessionId: this.sessionId,
      seq: this.seq + 1,
      time: eventTime(),
      count,
      data,
      starts,
      ends,
    }
    this.seq += count
    this.sink(withPlace(event, remote, connectionId, tags))
  }
}
