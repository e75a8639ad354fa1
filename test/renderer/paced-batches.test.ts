import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventBatch } from '../../electron/shared/model'
import type { TransportStatus } from '../../renderer/src/api/transport'
import { pageClock } from '../../renderer/src/lib/timestamps'
import { APPLY_BATCHES_EVERY_MS } from '../../renderer/src/stores/connection'
import { useLogStore } from '../../renderer/src/stores/log'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, bytes, eventsFor, sessionInfo, zeroStats } from './fake-api'
import { attachFakeTransport } from './fake-transport'
import { setupRenderer } from './setup'

// A flood's batches reach the page every 33 ms; the page takes them in at most every APPLY_BATCHES_EVERY_MS.

/** The nth datagram of a flood: one received row, and the session's counters after it. */
const datagram = (n: number): EventBatch =>
  batch(eventsFor('u', [{ type: 'received', byteLength: 2, data: bytes('hi') }], n), {
    stats: { u: { session: { ...zeroStats(), bytesIn: 2 * n, messagesIn: n }, connections: {} } },
  })

describe('batches from the host, paced', () => {
  let context: ReturnType<typeof setupRenderer>
  let status: (next: TransportStatus) => void

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
    context = setupRenderer()
    context.api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('u', 'udp')] })
    status = attachFakeTransport(context.api)
    await useSessionsStore().refresh()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const shownBytes = () => useSessionsStore().byId.u?.stats.bytesIn
  const loggedRows = () => useLogStore().find('u')?.rows.length ?? 0

  it('takes in the first batch at once and the ones right behind it together, timed when each arrived', () => {
    context.api.emit(datagram(1))
    expect(shownBytes()).toBe(2)
    expect(loggedRows()).toBe(1)

    vi.advanceTimersByTime(33)
    const secondArrived = pageClock()
    context.api.emit(datagram(2))
    vi.advanceTimersByTime(33)
    context.api.emit(datagram(3))
    expect(shownBytes()).toBe(2)
    expect(loggedRows()).toBe(1)

    vi.advanceTimersByTime(APPLY_BATCHES_EVERY_MS - 66)
    expect(shownBytes()).toBe(6)
    expect(loggedRows()).toBe(3)
    // The counters were true when the last batch arrived, not when the page took it in.
    expect(useSessionsStore().countedAtOf('u')).toBe(secondArrived + 33)
  })

  it('takes in what is waiting before it hears the link changed', () => {
    context.api.emit(datagram(1))
    context.api.emit(datagram(2))
    expect(shownBytes()).toBe(2)
    status('closed')
    expect(shownBytes()).toBe(4)
    expect(loggedRows()).toBe(2)
  })
})
