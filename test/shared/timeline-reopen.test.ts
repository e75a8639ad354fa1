import { describe, expect, it } from 'vitest'
import type { Endpoint, SessionEvent } from '../../electron/shared/model'
import { buildTimeline } from '../../electron/shared/view/timeline'

const T0 = 1_700_000_000_000
const server: Endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' }
const local: Endpoint = { address: '127.0.0.1', port: 50_000, family: 'IPv4' }

describe('timeline of a session opened again in place', () => {
  it('its lane is open again after the new socket step, and closed with the cause of its last close', () => {
    let seq = 0
    const event = (at: number, body: Record<string, unknown>) =>
      ({ sessionId: 's1', seq: ++seq, time: T0 + at, ...body }) as SessionEvent
    const first = [
      event(0, { type: 'socket', protocol: 'tcp' }),
      event(1, { type: 'connected', local, remote: server, latencyMs: 1 }),
      event(5, { type: 'close', scope: 'session', cause: 'peer' }),
    ]
    const closed = buildTimeline(first).lanes[0]!
    expect(closed).toMatchObject({ end: T0 + 5, closeCause: 'peer' })

    const reopened = [
      ...first,
      event(9, { type: 'socket', protocol: 'tcp' }),
      event(10, { type: 'connected', local, remote: server, latencyMs: 1 }),
    ]
    expect(buildTimeline(reopened).lanes[0]).toMatchObject({ end: undefined, closeCause: undefined })

    const closedAgain = [...reopened, event(20, { type: 'close', scope: 'session', cause: 'reset' })]
    expect(buildTimeline(closedAgain).lanes[0]).toMatchObject({ end: T0 + 20, closeCause: 'reset' })
  })
})
