import { describe, expect, it } from 'vitest'
import type { CloseCause, Endpoint, SessionEvent } from '../../electron/shared/model'
import {
  MAX_LANE_STEPS,
  MAX_TIMELINE_BUCKETS,
  MAX_TIMELINE_LANES,
  TimelineBuilder,
  buildTimeline,
} from '../../electron/shared/view/timeline'

const T0 = 1_700_000_000_000
const local: Endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' }
const client = (port: number): Endpoint => ({ address: '127.0.0.1', port, family: 'IPv4' })

/** Hand-made events of one session: each call gets the next seq; `at` is milliseconds after T0. */
function script(): { event: (at: number, body: Record<string, unknown>) => SessionEvent } {
  let seq = 0
  return {
    event: (at, body) => ({ sessionId: 's1', seq: ++seq, time: T0 + at, ...body }) as SessionEvent,
  }
}

const data = (length: number): { byteLength: number; data: Uint8Array } => ({
  byteLength: length,
  data: new Uint8Array(length),
})

function serverWithTwoClients(): SessionEvent[] {
  const { event } = script()
  return [
    event(0, { type: 'socket', protocol: 'tcp' }),
    event(1, { type: 'bind', local }),
    event(2, { type: 'listen', local, backlog: 511 }),
    event(3, { type: 'state', state: 'listening' }),
    event(10, { type: 'accept', connectionId: 'c1', local, remote: client(5001) }),
    event(12, { type: 'accept', connectionId: 'c2', local, remote: client(5002) }),
    event(20, { type: 'received', connectionId: 'c1', ...data(5) }),
    event(30, { type: 'received', connectionId: 'c1', ...data(7) }),
    event(31, { type: 'frame', connectionId: 'c1', ...data(12) }),
    event(40, { type: 'sent', connectionId: 'c1', ...data(3) }),
    event(50, { type: 'end', connectionId: 'c1' }),
    event(51, { type: 'close', connectionId: 'c1', scope: 'connection', cause: 'peer' }),
    event(60, { type: 'close', connectionId: 'c2', scope: 'connection', cause: 'reset' }),
  ]
}

describe('buildTimeline', () => {
  it('puts the listener on the session lane and each accepted connection on its own lane, in order', () => {
    const view = buildTimeline(serverWithTwoClients())
    expect(view.lanes.map((lane) => [lane.kind, lane.peer])).toEqual([
      ['session', undefined],
      ['connection', '127.0.0.1:5001'],
      ['connection', '127.0.0.1:5002'],
    ])
    const [session, first, second] = view.lanes
    expect(session?.steps.map((step) => step.type)).toEqual(['socket', 'bind', 'listen'])
    expect(session?.local).toBe('127.0.0.1:9000')
    expect(first?.steps.map((step) => step.type)).toEqual(['accept', 'end', 'close'])
    expect([first?.closeCause, first?.end]).toEqual(['peer', T0 + 51])
    expect([second?.closeCause, second?.end]).toEqual(['reset', T0 + 60])
    expect([view.start, view.end]).toEqual([T0, T0 + 60])
  })

  it('sums data per bucket, sent apart from received, and does not count frames twice', () => {
    const view = buildTimeline(serverWithTwoClients())
    const first = view.lanes[1]
    expect(first?.received).toEqual({ count: 2, bytes: 12 })
    expect(first?.sent).toEqual({ count: 1, bytes: 3 })
    expect(view.bucketMs).toBe(50)
    expect(first?.buckets).toEqual([
      { start: T0, sent: { count: 1, bytes: 3 }, received: { count: 2, bytes: 12 } },
    ])
  })

  it('gives a UDP socket one lane and each peer its own', () => {
    const { event } = script()
    const view = buildTimeline([
      event(0, { type: 'socket', protocol: 'udp' }),
      event(1, { type: 'bind', local }),
      event(5, { type: 'received', remote: client(7001), ...data(4) }),
      event(6, { type: 'received', remote: client(7002), ...data(9) }),
      event(7, { type: 'sent', remote: client(7001), ...data(2) }),
      event(9, { type: 'close', scope: 'session', cause: 'local' }),
    ])
    expect(view.lanes.map((lane) => [lane.kind, lane.peer, lane.received.bytes, lane.sent.bytes])).toEqual([
      ['session', undefined, 0, 0],
      ['peer', '127.0.0.1:7001', 4, 2],
      ['peer', '127.0.0.1:7002', 9, 0],
    ])
    expect(view.lanes[0]?.closeCause).toBe('local')
  })

  it("keeps a client's connect and connected on the session lane with the remote", () => {
    const { event } = script()
    const remote = client(80)
    const view = buildTimeline([
      event(0, { type: 'socket', protocol: 'tcp' }),
      event(1, { type: 'connect', remote }),
      event(3, { type: 'connected', local: client(40000), remote, latencyMs: 2 }),
      event(9, { type: 'close', scope: 'session', cause: 'error' }),
    ])
    expect(view.lanes).toHaveLength(1)
    expect(view.lanes[0]).toMatchObject({
      peer: '127.0.0.1:80',
      local: '127.0.0.1:40000',
      closeCause: 'error',
    })
  })
})

describe('TimelineBuilder bounds', () => {
  it('widens buckets for a long session so there are never more than the cap, with nothing lost', () => {
    const builder = new TimelineBuilder()
    const { event } = script()
    builder.add(event(0, { type: 'accept', connectionId: 'c1', local, remote: client(5001) }))
    for (let at = 0; at < 600_000; at += 97)
      builder.add(event(at, { type: 'received', connectionId: 'c1', ...data(10) }))
    const view = builder.view()
    const lane = view.lanes[0]
    expect(lane?.buckets.length).toBeLessThanOrEqual(MAX_TIMELINE_BUCKETS)
    expect((view.end - view.start) / view.bucketMs).toBeLessThan(MAX_TIMELINE_BUCKETS)
    const total = lane?.buckets.reduce((sum, bucket) => sum + bucket.received.bytes, 0)
    expect(total).toBe(lane?.received.bytes)
    expect(lane?.received.count).toBe(Math.ceil(600_000 / 97))
    // Buckets stay aligned to the origin and in order.
    for (const bucket of lane?.buckets ?? []) expect((bucket.start - view.start) % view.bucketMs).toBe(0)
  })

  it('folds the oldest closed connections into one summary past the lane cap, and late events add to it', () => {
    const builder = new TimelineBuilder()
    const { event } = script()
    const clients = MAX_TIMELINE_LANES + 10
    for (let index = 0; index < clients; index++) {
      const connectionId = `c${index}`
      builder.add(event(index, { type: 'accept', connectionId, local, remote: client(6000 + index) }))
      builder.add(event(index, { type: 'received', connectionId, ...data(100) }))
      // Every even client leaves at once; odd ones stay open.
      const cause: CloseCause = index % 4 === 0 ? 'peer' : 'reset'
      if (index % 2 === 0)
        builder.add(event(index, { type: 'close', connectionId, scope: 'connection', cause }))
    }
    // c1 is open and old: folded only when no closed lane was left to fold.
    builder.add(event(500, { type: 'sent', connectionId: 'c0', ...data(1) }))
    const view = builder.view()
    expect(view.lanes.filter((lane) => lane.kind === 'connection')).toHaveLength(MAX_TIMELINE_LANES)
    expect(view.folded.count).toBe(10)
    expect(view.lanes.some((lane) => lane.id === 'c0')).toBe(false)
    expect(view.lanes.some((lane) => lane.id === 'c1')).toBe(true)
    expect(view.folded.received).toEqual({ count: 10, bytes: 1000 })
    expect(view.folded.sent).toEqual({ count: 1, bytes: 1 })
    expect(view.folded.causes).toEqual({ peer: 5, reset: 5 })
  })

  it('keeps the newest steps of a lane and counts the rest', () => {
    const { event } = script()
    const errors = Array.from({ length: MAX_LANE_STEPS + 6 }, (_, index) =>
      event(index, { type: 'error', error: { code: 'ECONNREFUSED', message: `refused ${index}` } }),
    )
    const lane = buildTimeline(errors).lanes[0]
    expect(lane?.steps).toHaveLength(MAX_LANE_STEPS)
    expect(lane?.hiddenSteps).toBe(6)
    expect(lane?.steps.at(-1)).toMatchObject({ seq: MAX_LANE_STEPS + 6 })
  })

  it('counts the data events the host cut from its batches', () => {
    const builder = new TimelineBuilder()
    builder.noteOmitted(7)
    builder.noteOmitted(3)
    expect(builder.view().omitted).toBe(10)
  })

  it('draws nothing for a session without events', () => {
    expect(buildTimeline([])).toMatchObject({ lanes: [], folded: { count: 0 } })
  })
})
