import { formatEndpoint } from '../endpoint-format'
import type { CloseCause, SessionEvent } from '../model'

// A session's lifecycle drawn as lanes over time: the session's own socket (listener, UDP socket or the client's
// connection) and one lane per accepted connection or UDP peer. Steps keep their seed names (socket, bind,
// listen, accept, connect, close…); data is summed per time bucket. Everything here is bounded, so a server with
// many clients under a flood keeps a fixed-size picture.

/** Connection or peer lanes drawn one by one; beyond this the oldest fold into one "N more" summary. */
export const MAX_TIMELINE_LANES = 60
/** Data buckets across the whole span; the bucket width doubles when the session outlives them. */
export const MAX_TIMELINE_BUCKETS = 120
/** Steps kept per lane (a UDP socket may report many errors): the newest, and a count of the rest. */
export const MAX_LANE_STEPS = 24
/** Ids of folded lanes remembered so their late events add to the summary instead of opening a lane. */
const MAX_FOLDED_IDS = 4096
const FIRST_BUCKET_MS = 50

/** A step of the flow: every logged event that does not carry bytes. */
export type TimelineStep = Exclude<
  SessionEvent,
  { type: 'state' | 'sent' | 'received' | 'frame' | 'generator' | 'rule' }
>

export interface Traffic {
  count: number
  bytes: number
}

export interface DataBucket {
  /** Epoch milliseconds where the bucket starts; it lasts the view's `bucketMs`. */
  start: number
  sent: Traffic
  received: Traffic
}

export interface TimelineLane {
  /** 'session', a connection id, or 'peer ' + a UDP peer's endpoint. */
  id: string
  kind: 'session' | 'connection' | 'peer'
  /** The other side ("host:port"), where there is one. */
  peer: string | undefined
  /** The session lane: its own address once bound, listening or connected. */
  local: string | undefined
  start: number
  /** Time of the last close, undefined while open. */
  end: number | undefined
  closeCause: CloseCause | undefined
  steps: readonly TimelineStep[]
  hiddenSteps: number
  buckets: readonly DataBucket[]
  sent: Traffic
  received: Traffic
}

/** Lanes folded away to stay bounded: how many, their traffic, and how they closed. */
export interface FoldedLanes {
  count: number
  sent: Traffic
  received: Traffic
  causes: Partial<Record<CloseCause, number>>
}

export interface TimelineView {
  start: number
  end: number
  bucketMs: number
  /** The session lane first, then connections or peers in the order they appeared. */
  lanes: TimelineLane[]
  folded: FoldedLanes
  /** Data events the host cut from its batches during a flood: the bars do not include them. */
  omitted: number
}

interface LaneState {
  id: string
  kind: TimelineLane['kind']
  peer: string | undefined
  local: string | undefined
  start: number
  end: number | undefined
  closeCause: CloseCause | undefined
  steps: TimelineStep[]
  hiddenSteps: number
  /** Keyed by bucket index from the timeline's origin. */
  buckets: Map<number, DataBucket>
  sent: Traffic
  received: Traffic
}

const noTraffic = (): Traffic => ({ count: 0, bytes: 0 })

function newLane(id: string, kind: LaneState['kind'], time: number, peer?: string): LaneState {
  return {
    id,
    kind,
    peer,
    local: undefined,
    start: time,
    end: undefined,
    closeCause: undefined,
    steps: [],
    hiddenSteps: 0,
    buckets: new Map(),
    sent: noTraffic(),
    received: noTraffic(),
  }
}

function addTraffic(traffic: Traffic, bytes: number): void {
  traffic.count++
  traffic.bytes += bytes
}

/** Builds one session's timeline from its events, one at a time, in memory bounded by the caps above. */
export class TimelineBuilder {
  private origin: number | undefined
  private latest = 0
  private bucketMs = FIRST_BUCKET_MS
  private session: LaneState | undefined
  /** Connection and peer lanes, oldest first (Map keeps insertion order). */
  private readonly lanes = new Map<string, LaneState>()
  private readonly foldedIds = new Set<string>()
  private readonly folded: FoldedLanes = { count: 0, sent: noTraffic(), received: noTraffic(), causes: {} }
  private omitted = 0

  add(event: SessionEvent): void {
    // Frames re-cut bytes already received; a generator's figures are not a step of the flow.
    if (
      event.type === 'state' ||
      event.type === 'frame' ||
      event.type === 'generator' ||
      event.type === 'rule'
    )
      return
    const time = this.place(event.time)
    const laneId = this.laneIdOf(event)
    if (laneId !== undefined && this.foldedIds.has(laneId)) {
      this.addToFolded(event)
      return
    }
    const lane = laneId === undefined ? this.sessionLane(time) : this.laneFor(laneId, event, time)
    if (event.type === 'sent' || event.type === 'received')
      this.addData(lane, event.type, event.byteLength, time)
    else this.addStep(lane, event)
  }

  /** Data events the host left out of a batch (its `omitted` count). */
  noteOmitted(count: number): void {
    this.omitted += count
  }

  view(): TimelineView {
    const start = this.origin ?? 0
    const lanes = [...(this.session ? [this.session] : []), ...this.lanes.values()]
    return {
      start,
      end: Math.max(this.latest, start),
      bucketMs: this.bucketMs,
      lanes: lanes.map((lane) => ({
        ...lane,
        steps: [...lane.steps],
        buckets: [...lane.buckets.values()].sort((a, b) => a.start - b.start),
        sent: { ...lane.sent },
        received: { ...lane.received },
      })),
      folded: { ...this.folded, causes: { ...this.folded.causes } },
      omitted: this.omitted,
    }
  }

  /** Moves the clock on and widens the buckets when the span outgrows them. */
  private place(time: number): number {
    this.origin ??= time
    const placed = Math.max(time, this.origin)
    this.latest = Math.max(this.latest, placed)
    while ((this.latest - this.origin) / this.bucketMs >= MAX_TIMELINE_BUCKETS) this.widenBuckets()
    return placed
  }

  private widenBuckets(): void {
    this.bucketMs *= 2
    const origin = this.origin ?? 0
    for (const lane of this.allLanes()) {
      const merged = new Map<number, DataBucket>()
      for (const [index, bucket] of lane.buckets) {
        const wider = Math.floor(index / 2)
        const into = merged.get(wider)
        if (into === undefined) {
          merged.set(wider, { ...bucket, start: origin + wider * this.bucketMs })
          continue
        }
        into.sent = { count: into.sent.count + bucket.sent.count, bytes: into.sent.bytes + bucket.sent.bytes }
        into.received = {
          count: into.received.count + bucket.received.count,
          bytes: into.received.bytes + bucket.received.bytes,
        }
      }
      lane.buckets = merged
    }
  }

  private *allLanes(): Iterable<LaneState> {
    if (this.session) yield this.session
    yield* this.lanes.values()
  }

  /** A TCP connection's id, a UDP peer's key, or undefined for the session's own socket. */
  private laneIdOf(event: SessionEvent): string | undefined {
    if (event.connectionId !== undefined) return event.connectionId
    if ((event.type === 'sent' || event.type === 'received') && event.remote !== undefined) {
      return `peer ${formatEndpoint(event.remote)}`
    }
    return undefined
  }

  private sessionLane(time: number): LaneState {
    this.session ??= newLane('session', 'session', time)
    return this.session
  }

  private laneFor(id: string, event: SessionEvent, time: number): LaneState {
    const known = this.lanes.get(id)
    if (known) return known
    if (this.lanes.size >= MAX_TIMELINE_LANES) this.foldOldest()
    const remote = 'remote' in event ? event.remote : undefined
    const lane = newLane(
      id,
      event.connectionId === undefined ? 'peer' : 'connection',
      time,
      remote ? formatEndpoint(remote) : undefined,
    )
    this.lanes.set(id, lane)
    return lane
  }

  /** Folds the oldest closed lane, or the oldest lane when every one is still open. */
  private foldOldest(): void {
    let victim: LaneState | undefined
    for (const lane of this.lanes.values()) {
      victim ??= lane
      if (lane.end !== undefined) {
        victim = lane
        break
      }
    }
    if (!victim) return
    this.lanes.delete(victim.id)
    this.foldedIds.add(victim.id)
    if (this.foldedIds.size > MAX_FOLDED_IDS) {
      const oldest = this.foldedIds.values().next()
      if (!oldest.done) this.foldedIds.delete(oldest.value)
    }
    const folded = this.folded
    folded.count++
    folded.sent = {
      count: folded.sent.count + victim.sent.count,
      bytes: folded.sent.bytes + victim.sent.bytes,
    }
    folded.received = {
      count: folded.received.count + victim.received.count,
      bytes: folded.received.bytes + victim.received.bytes,
    }
    if (victim.closeCause !== undefined) this.countCause(victim.closeCause)
  }

  private addToFolded(event: SessionEvent): void {
    if (event.type === 'sent') addTraffic(this.folded.sent, event.byteLength)
    if (event.type === 'received') addTraffic(this.folded.received, event.byteLength)
    if (event.type === 'close') this.countCause(event.cause)
  }

  private countCause(cause: CloseCause): void {
    this.folded.causes[cause] = (this.folded.causes[cause] ?? 0) + 1
  }

  private addData(lane: LaneState, direction: 'sent' | 'received', bytes: number, time: number): void {
    const origin = this.origin ?? time
    const index = Math.floor((time - origin) / this.bucketMs)
    let bucket = lane.buckets.get(index)
    if (bucket === undefined) {
      bucket = { start: origin + index * this.bucketMs, sent: noTraffic(), received: noTraffic() }
      lane.buckets.set(index, bucket)
    }
    addTraffic(bucket[direction], bytes)
    addTraffic(lane[direction], bytes)
  }

  private addStep(lane: LaneState, step: TimelineStep): void {
    lane.steps.push(step)
    if (lane.steps.length > MAX_LANE_STEPS) {
      lane.steps.shift()
      lane.hiddenSteps++
    }
    switch (step.type) {
      case 'socket':
        // A session opened again in place (Reconnect, Listen again): its lane is open again.
        lane.end = undefined
        lane.closeCause = undefined
        break
      case 'accept':
      case 'connect':
      case 'connected':
        lane.peer = formatEndpoint(step.remote)
        if (step.type === 'connected') lane.local = formatEndpoint(step.local)
        break
      case 'bind':
      case 'listen':
        lane.local = formatEndpoint(step.local)
        break
      case 'close':
        lane.end = step.time
        lane.closeCause = step.cause
        break
    }
  }
}

/** The timeline of a finished list of events (tests, exports). */
export function buildTimeline(events: Iterable<SessionEvent>): TimelineView {
  const builder = new TimelineBuilder()
  for (const event of events) builder.add(event)
  return builder.view()
}
