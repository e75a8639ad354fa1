import type { SessionEvent } from '../../shared'

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'sessionId' | 'seq' | 'time'> : never

/** An event as a session builds it; the sequencer adds session id, sequence number and time. */
export type EventBody = WithoutEnvelope<SessionEvent>

export type EventSink = (event: SessionEvent) => void

/** Epoch milliseconds with sub-millisecond precision, monotonic within the process. */
export const eventTime = (): number => performance.timeOrigin + performance.now()

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
}
