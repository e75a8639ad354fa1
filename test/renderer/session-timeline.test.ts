import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Endpoint, EventBatch, SessionEvent, SessionInfo } from '../../electron/shared/model'
import { MAX_TIMELINE_LANES } from '../../electron/shared/view/timeline'
import SessionTimeline from '../../renderer/src/components/sessions/SessionTimeline.vue'
import { useTimelineStore } from '../../renderer/src/stores/timeline'
import { setupRenderer } from './setup'
import { useFakeTimersWithFrames } from './fake-frames'

const T0 = 1_700_000_000_000
const local: Endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' }
const session = { id: 's1', openedAt: T0 } as SessionInfo

let seq = 0
const event = (at: number, body: Record<string, unknown>): SessionEvent =>
  ({ sessionId: 's1', seq: ++seq, time: T0 + at, ...body }) as SessionEvent
const batch = (events: SessionEvent[]): EventBatch => ({ events, omitted: {}, stats: {} })

/** A listener, then `clients` connections that each send 10 bytes; even ones leave with FIN, odd ones reset. */
function serverEvents(clients: number): SessionEvent[] {
  const events = [event(0, { type: 'bind', local }), event(1, { type: 'listen', local, backlog: 511 })]
  for (let index = 0; index < clients; index++) {
    const connectionId = `c${index}`
    const remote = { address: '127.0.0.1', port: 5000 + index, family: 'IPv4' }
    events.push(
      event(10 + index, { type: 'accept', connectionId, local, remote }),
      event(20 + index, { type: 'received', connectionId, byteLength: 10, data: new Uint8Array(10) }),
      event(100 + index, {
        type: 'close',
        connectionId,
        scope: 'connection',
        cause: index % 2 === 0 ? 'peer' : 'reset',
      }),
    )
  }
  return events
}

function mountTimeline() {
  const { plugins } = setupRenderer()
  const wrapper = mount(SessionTimeline, { props: { session }, global: { plugins } })
  return { wrapper, store: useTimelineStore() }
}

describe('SessionTimeline', () => {
  beforeEach(() => {
    useFakeTimersWithFrames()
    seq = 0
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is a region named Timeline that says so when nothing happened yet', () => {
    const { wrapper } = mountTimeline()
    expect(wrapper.get('section').attributes('aria-label')).toBe('Timeline')
    expect(wrapper.text()).toContain('No steps yet.')
  })

  it('draws the listener and 50 clients, each close named with its cause, every mark reachable by Tab', async () => {
    const { wrapper, store } = mountTimeline()
    store.applyBatch(batch(serverEvents(50)))
    await vi.advanceTimersByTimeAsync(300)
    const lanes = wrapper.findAll('li.lane')
    expect(lanes).toHaveLength(51)
    expect(lanes[1]?.attributes('aria-label')).toBe('127.0.0.1:5000, closed by the peer')
    expect(lanes[2]?.attributes('aria-label')).toBe('127.0.0.1:5001, reset by the peer (RST)')
    const marks = wrapper.findAll('[role="img"]')
    expect(marks).toHaveLength(2 + 50 * 2)
    for (const mark of marks) expect(mark.attributes('tabindex')).toBe('0')
    expect(marks[0]?.attributes('aria-label')).toBe('bind at +0.000 s: on 127.0.0.1:9000')

    await lanes[2]!.findAll('[role="img"]')[1]!.trigger('focus')
    expect(wrapper.get('.detail').text()).toBe('close at +0.101 s: connection, reset by the peer (RST)')
    // Data shows as one bar per bucket, not one mark per packet.
    expect(lanes[1]?.findAll('rect.received')).toHaveLength(1)
  })

  it('folds connections past the cap into one line that keeps their traffic and causes', async () => {
    const { wrapper, store } = mountTimeline()
    store.applyBatch(batch(serverEvents(MAX_TIMELINE_LANES + 4)))
    await vi.advanceTimersByTimeAsync(300)
    expect(wrapper.findAll('li.lane')).toHaveLength(1 + MAX_TIMELINE_LANES)
    expect(wrapper.text()).not.toContain('cut during a flood')
    store.applyBatch({ events: [], omitted: { s1: 12 }, stats: {} })
    await vi.advanceTimersByTimeAsync(300)
    expect(wrapper.text()).toContain('12 data events cut during a flood are not in the bars')
    expect(wrapper.text()).toContain(
      '4 more connections not drawn: sent 0 (0 B), received 4 (40 B); closed by the peer ×2; reset by the peer (RST) ×2',
    )
  })

  it('redraws a live session at most every 250 ms however many batches arrive', async () => {
    const { wrapper, store } = mountTimeline()
    const events = serverEvents(20)
    store.applyBatch(batch(events.slice(0, 2)))
    // The first change after a quiet interval shows in the next animation frame.
    await vi.advanceTimersByTimeAsync(0)
    vi.advanceTimersToNextFrame()
    await nextTick()
    expect(wrapper.findAll('li.lane')).toHaveLength(1)
    for (const [index, one] of events.slice(2).entries()) {
      store.applyBatch(batch([one]))
      if (index === 5) await vi.advanceTimersByTimeAsync(10)
    }
    await nextTick()
    expect(wrapper.findAll('li.lane')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(250)
    vi.advanceTimersToNextFrame()
    await nextTick()
    expect(wrapper.findAll('li.lane')).toHaveLength(21)
  })
})
