import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OwnErrorCode } from '../../electron/shared/errors'
import { decodeWire } from '../../electron/shared/web-protocol'
import type { TransportStatus } from '../../renderer/src/api/transport'
import {
  GIVE_UP_AFTER_FAILED_RETRIES,
  GIVE_UP_AFTER_MS,
  createWebTransport,
  reloadOnNewToken,
} from '../../renderer/src/api/web-transport'
import ConnectionBanner from '../../renderer/src/components/ConnectionBanner.vue'
import TrafficLog from '../../renderer/src/components/log/TrafficLog.vue'
import SessionStats from '../../renderer/src/components/sessions/SessionStats.vue'
import { useLogStore } from '../../renderer/src/stores/log'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, bytes, eventsFor, sessionInfo } from './fake-api'
import { attachFakeTransport } from './fake-transport'
import { setupRenderer } from './setup'

// Issue 14, "Host lost / page reloaded (web mode)".

class FakeWebSocket {
  static instances: FakeWebSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: unknown }) => void) | null = null
  onclose: ((close: { code: number }) => void) | null = null
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this)
  }
  send(frame: string): void {
    decodeWire(frame)
  }
}

function webTransport(hostAnswers: boolean, now: () => number = Date.now) {
  FakeWebSocket.instances = []
  const transport = createWebTransport({
    url: 'ws://127.0.0.1:1/ws?token=old',
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    reconnectDelayMs: 1,
    hostAnswers: async () => hostAnswers,
    now,
  })
  const statuses: TransportStatus[] = []
  transport.onStatus((status) => statuses.push(status))
  return { transport, statuses }
}

const socketNumber = (index: number) => FakeWebSocket.instances[index]!

describe('host lost', () => {
  it('says the host restarted, and stops retrying, when a retry is turned away by a host that answers', async () => {
    const { transport, statuses } = webTransport(true)
    socketNumber(0).onopen!()
    socketNumber(0).onclose!({ code: 1006 }) // the host died
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2))
    socketNumber(1).onclose!({ code: 1006 }) // a new host on the port refuses the old token
    await vi.waitFor(() => expect(transport.status()).toBe('restarted'))
    expect(statuses).toEqual(['open', 'closed', 'restarted'])
    expect(await transport.api.listSessions()).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.hostLost },
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(FakeWebSocket.instances).toHaveLength(2)
  })

  it('loads the page again when its address gets a new token (opening the new address in the same tab)', () => {
    const listeners: (() => void)[] = []
    const page = {
      location: { hash: '', reload: vi.fn() },
      addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    }
    reloadOnNewToken(page as unknown as Window)
    page.location.hash = '#section'
    listeners.forEach((listener) => listener())
    expect(page.location.reload).not.toHaveBeenCalled()
    page.location.hash = '#token=new'
    listeners.forEach((listener) => listener())
    expect(page.location.reload).toHaveBeenCalledOnce()
  })

  it('keeps retrying while nothing answers at the host address', async () => {
    const { transport } = webTransport(false)
    socketNumber(0).onopen!()
    socketNumber(0).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2))
    socketNumber(1).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(3))
    expect(transport.status()).toBe('closed')
  })

  /** Fails the newest retry (nothing listens at the address) and waits for the next one. */
  async function failRetry(): Promise<void> {
    const count = FakeWebSocket.instances.length
    socketNumber(count - 1).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(count + 1))
  }

  it('says the host is gone, and stops retrying, after failed retries over the time bound (it runs elsewhere now)', async () => {
    let clock = 1_000
    const { transport, statuses } = webTransport(false, () => clock)
    socketNumber(0).onopen!()
    socketNumber(0).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2))
    // Fast failures alone do not give up: a host restarting on its port takes seconds.
    for (let retry = 1; retry <= GIVE_UP_AFTER_FAILED_RETRIES * 2; retry += 1) await failRetry()
    expect(transport.status()).toBe('closed')

    clock += GIVE_UP_AFTER_MS
    const retries = FakeWebSocket.instances.length
    socketNumber(retries - 1).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(transport.status()).toBe('gone'))
    expect(statuses).toEqual(['open', 'closed', 'gone'])
    expect(await transport.api.listSessions()).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.hostLost },
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(FakeWebSocket.instances).toHaveLength(retries)
  })

  it('does not give up on time alone: a page that slept through the bound still retries a few times', async () => {
    let clock = 1_000
    const { transport } = webTransport(false, () => clock)
    socketNumber(0).onopen!()
    socketNumber(0).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2))
    clock += 10 * GIVE_UP_AFTER_MS
    for (let retry = 1; retry < GIVE_UP_AFTER_FAILED_RETRIES; retry += 1) await failRetry()
    expect(transport.status()).toBe('closed')
    socketNumber(FakeWebSocket.instances.length - 1).onclose!({ code: 1006 })
    await vi.waitFor(() => expect(transport.status()).toBe('gone'))
  })
})

describe('the page when the host is lost or the page was reloaded', () => {
  let context: ReturnType<typeof setupRenderer>
  let status: (next: TransportStatus) => void
  beforeEach(() => {
    context = setupRenderer()
    status = attachFakeTransport(context.api)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('stops the uptime when the host is lost and says the host restarted in an alert', async () => {
    vi.useFakeTimers({ now: 10_000 })
    const session = sessionInfo('c', 'tcp-client', { openedAt: 10_000 })
    const stats = mount(SessionStats, { props: { session }, global: { plugins: context.plugins } })
    const banner = mount(ConnectionBanner, { global: { plugins: context.plugins } })
    vi.advanceTimersByTime(5_000)
    await flushPromises()
    expect(stats.text()).toContain('00:05')

    status('closed')
    vi.advanceTimersByTime(60_000)
    await flushPromises()
    expect(stats.text()).toContain('00:05')
    expect(banner.text()).toContain('Lost the connection')

    status('restarted')
    await flushPromises()
    expect(banner.get('[role="alert"]').text()).toContain('The host restarted: open its new address')
    expect(banner.text()).not.toContain('EACCES')

    status('gone')
    await flushPromises()
    expect(banner.get('[role="alert"]').text()).toContain(
      `The host is gone: nothing has answered at this address for ${GIVE_UP_AFTER_MS / 1000} s`,
    )
    expect(banner.text()).not.toContain('Reconnecting')
    expect(banner.text()).not.toContain('EACCES')
    expect(stats.text()).toContain('00:05')
  })

  it('says plainly that history before the page loaded is not available for a session it did not open', async () => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
    context.api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('c', 'tcp-client')] })
    await useSessionsStore().refresh()
    // After a reload the first event this page sees is number 41.
    useLogStore().applyBatch(
      batch(eventsFor('c', [{ type: 'received', byteLength: 2, data: bytes('hi') }], 41)),
    )
    const wrapper = mount(TrafficLog, {
      props: { session: sessionInfo('c', 'tcp-client') },
      global: { plugins: context.plugins },
    })
    await flushPromises()
    expect(wrapper.get('[role="note"]').text()).toBe(
      'History before this page was loaded is not available; the counters are exact.',
    )
  })

  it('says nothing of the kind for a session the page opened itself', async () => {
    context.api.openSession.mockResolvedValue({ ok: true, value: sessionInfo('n', 'udp') })
    await useSessionsStore().open({ kind: 'udp' })
    const wrapper = mount(TrafficLog, {
      props: { session: sessionInfo('n', 'udp') },
      global: { plugins: context.plugins },
    })
    await flushPromises()
    expect(wrapper.text()).not.toContain('History before')
    expect(wrapper.text()).toContain('No traffic yet')
  })
})
