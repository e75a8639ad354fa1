import type { DataEvent, Endpoint, EventBase, SessionEvent } from './model'

// The engine's own event for the frames cut from one read: one event for all of them instead of one object each
// (under a flood of small frames those objects cost more than everything else the engine did). It never leaves
// the engine as it is: whatever shows or records events (the event batcher, the CLI, captures, sequences) sees
// it as the 'frame' events it stands for, with the sequence numbers they have always had.

export interface FramesEvent extends EventBase {
  type: 'frames'
  /** The first frame's sequence number: frame i has `seq + i`, and the session's next event `seq + count`. */
  seq: number
  count: number
  /** What the frames were cut from (usually the read that completed them): frame i is `data[starts[i], ends[i])`. */
  data: Uint8Array
  starts: Uint32Array
  ends: Uint32Array
  remote?: Endpoint
}

/** What the engine's subscribers get: the session events, with a read's frames batched. */
export type EngineEvent = SessionEvent | FramesEvent

/** Frame `index` (from 0) of the batch as the 'frame' event it stands for; its bytes are a view, not a copy. */
export function frameEvent(event: FramesEvent, index: number): DataEvent {
  const start = event.starts[index]
  const end = event.ends[index]
  // The key order of the engine's other data rows: a capture line reads the same whichever made it.
  const frame: DataEvent = {
    type: 'frame',
    sessionId: event.sessionId,
    seq: event.seq + index,
    time: event.time,
    byteLength: end - start,
    data: event.data.subarray(start, end),
  }
  if (event.remote !== undefined) frame.remote = event.remote
  if (event.connectionId !== undefined) frame.connectionId = event.connectionId
  if (event.leg !== undefined) frame.leg = event.leg
  if (event.direction !== undefined) frame.direction = event.direction
  return frame
}

/** A listener of session events as an engine subscriber: a 'frames' event reaches it as its 'frame' events. */
export const eachSessionEvent =
  (listener: (event: SessionEvent) => void) =>
  (event: EngineEvent): void => {
    if (event.type !== 'frames') return listener(event)
    for (let index = 0; index < event.count; index++) listener(frameEvent(event, index))
  }
