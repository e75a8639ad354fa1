import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ClientsTable from '../../renderer/src/components/sessions/ClientsTable.vue'
import SessionActions from '../../renderer/src/components/sessions/SessionActions.vue'
import SessionList from '../../renderer/src/components/sessions/SessionList.vue'
import { useAutoReconnectStore } from '../../renderer/src/stores/auto-reconnect'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { useSettingsStore } from '../../renderer/src/stores/settings'
import type { SessionInfo } from '../../electron/shared/model'
import { batch, eventsFor, sessionInfo, zeroStats } from './fake-api'
import { setupRenderer } from './setup'

// Issue 14's connection actions: FIN and RST per session and per client, Reconnect / Listen again / Bind again
// and Resume accepting in place, "Disconnect all", "Remove closed sessions", and auto-reconnect.

let context: ReturnType<typeof setupRenderer>
beforeEach(() => {
  context = setupRenderer()
})
afterEach(() => {
  vi.useRealTimers()
})

const button = (wrapper: VueWrapper, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === name)
  if (found === undefined) throw new Error(`no button "${name}" in ${wrapper.text()}`)
  return found
}
const buttonNames = (wrapper: VueWrapper) => wrapper.findAll('button').map((candidate) => candidate.text())

const mountActions = (session: SessionInfo) =>
  mount(SessionActions, { props: { session }, global: { plugins: context.plugins } })

const peer = { address: '127.0.0.1', port: 50_001, family: 'IPv4' as const }
const client = (id: string, port: number) => ({
  id,
  remote: { ...peer, port },
  local: peer,
  since: 0,
  state: 'open' as const,
  stats: { ...zeroStats(), bytesIn: 1_234, bytesOut: 5 },
})

describe('session actions in the header', () => {
  it('a connected client has Half-close (FIN) and Reset (RST), each asking the host for that', async () => {
    context.api.halfClose.mockResolvedValue({ ok: true, value: null })
    context.api.disconnect.mockResolvedValue({ ok: true, value: null })
    const wrapper = mountActions(sessionInfo('c', 'tcp-client'))
    await button(wrapper, 'Half-close (FIN)').trigger('click')
    await button(wrapper, 'Reset (RST)').trigger('click')
    await flushPromises()
    expect(context.api.halfClose).toHaveBeenCalledWith({ sessionId: 'c' })
    expect(context.api.disconnect).toHaveBeenCalledWith({ sessionId: 'c', mode: 'reset' })
  })

  it('a refusal is reported to the view with its code', async () => {
    context.api.halfClose.mockResolvedValue({
      ok: false,
      error: { code: 'ERR_SESSION_STATE', message: 'already sent its FIN' },
    })
    const wrapper = mountActions(sessionInfo('c', 'tcp-client'))
    await button(wrapper, 'Half-close (FIN)').trigger('click')
    await flushPromises()
    expect(wrapper.emitted('error')?.at(-1)).toEqual([
      { code: 'ERR_SESSION_STATE', message: 'already sent its FIN' },
    ])
  })

  it('a server or a UDP socket has no session-wide FIN or RST; a server stopped with clients can resume', () => {
    expect(buttonNames(mountActions(sessionInfo('s', 'tcp-server')))).toEqual([])
    expect(buttonNames(mountActions(sessionInfo('u', 'udp')))).toEqual([])
    const stopped = sessionInfo('s', 'tcp-server', { state: 'connected', listening: false })
    expect(buttonNames(mountActions(stopped))).toEqual(['Resume accepting'])
  })

  it.each([
    ['tcp-client', 'Reconnect'],
    ['tcp-server', 'Listen again'],
    ['udp', 'Bind again'],
  ] as const)('a closed %s offers "%s", which reopens it in place', async (kind, name) => {
    const sessions = useSessionsStore()
    const closed = sessionInfo('x', kind, { state: 'closed' })
    context.api.listSessions.mockResolvedValue({ ok: true, value: [closed] })
    await sessions.refresh()
    context.api.reopenSession.mockResolvedValue({ ok: true, value: sessionInfo('x', kind) })
    const wrapper = mountActions(closed)
    expect(buttonNames(wrapper)).toEqual([name])
    await button(wrapper, name).trigger('click')
    await flushPromises()
    expect(context.api.reopenSession).toHaveBeenCalledWith({ sessionId: 'x' })
    expect(sessions.byId.x?.state).not.toBe('closed')
    expect(sessions.sessions).toHaveLength(1)
  })

  it('a failed reopen shows the session as the host has it (error) and reports the code', async () => {
    const sessions = useSessionsStore()
    const closed = sessionInfo('x', 'tcp-client', { state: 'closed' })
    context.api.listSessions.mockResolvedValueOnce({ ok: true, value: [closed] })
    await sessions.refresh()
    const failure = { code: 'ECONNREFUSED', message: 'refused', sessionId: 'x' }
    context.api.reopenSession.mockResolvedValue({ ok: false, error: failure })
    context.api.listSessions.mockResolvedValueOnce({
      ok: true,
      value: [{ ...closed, state: 'error', error: failure }],
    })
    const wrapper = mountActions(closed)
    await button(wrapper, 'Reconnect').trigger('click')
    await flushPromises()
    expect(sessions.byId.x?.state).toBe('error')
    expect(wrapper.emitted('error')?.at(-1)).toEqual([failure])
  })
})

describe('clients table', () => {
  const server = () =>
    sessionInfo('s', 'tcp-server', { connections: [client('c1', 50_001), client('c2', 50_002)] })

  it('lists each client with its address, state and bytes, in a list named Clients', () => {
    const wrapper = mount(ClientsTable, {
      props: { session: server() },
      global: { plugins: context.plugins },
    })
    const list = wrapper.find('ul[aria-label="Clients"]')
    const items = list.findAll('li')
    expect(items.map((item) => item.attributes('aria-label'))).toEqual(['127.0.0.1:50001', '127.0.0.1:50002'])
    expect(items[0]!.text()).toContain('open')
    expect(items[0]!.text()).toContain('1,234')
  })

  it('Reset, Half-close and Disconnect act on that row’s client; Disconnect all on every client', async () => {
    context.api.disconnect.mockResolvedValue({ ok: true, value: null })
    context.api.halfClose.mockResolvedValue({ ok: true, value: null })
    const wrapper = mount(ClientsTable, {
      props: { session: server() },
      global: { plugins: context.plugins },
    })
    const second = wrapper.findAll('li')[1]!
    const inRow = (name: string) => second.findAll('button').find((candidate) => candidate.text() === name)!
    await inRow('Reset (RST)').trigger('click')
    await inRow('Half-close (FIN)').trigger('click')
    await inRow('Disconnect').trigger('click')
    await button(wrapper, 'Disconnect all').trigger('click')
    await flushPromises()
    expect(context.api.disconnect.mock.calls.map(([request]) => request)).toEqual([
      { sessionId: 's', connectionId: 'c2', mode: 'reset' },
      { sessionId: 's', connectionId: 'c2', mode: 'graceful' },
      { sessionId: 's', mode: 'graceful' },
    ])
    expect(context.api.halfClose).toHaveBeenCalledWith({ sessionId: 's', connectionId: 'c2' })
  })

  it('Disconnect all is disabled without clients', () => {
    const wrapper = mount(ClientsTable, {
      props: { session: sessionInfo('s', 'tcp-server') },
      global: { plugins: context.plugins },
    })
    expect(button(wrapper, 'Disconnect all').attributes('disabled')).toBeDefined()
  })
})

describe('Remove closed sessions', () => {
  it('removes the closed and failed sessions and keeps the open one', async () => {
    const sessions = useSessionsStore()
    context.api.listSessions.mockResolvedValue({
      ok: true,
      value: [
        sessionInfo('a', 'tcp-client', { state: 'closed' }),
        sessionInfo('b', 'tcp-server'),
        sessionInfo('c', 'udp', { state: 'error' }),
      ],
    })
    await sessions.refresh()
    context.api.removeSession.mockResolvedValue({ ok: true, value: null })
    const wrapper = mount(SessionList, { global: { plugins: context.plugins } })
    await button(wrapper, 'Remove closed sessions').trigger('click')
    await flushPromises()
    expect(context.api.removeSession.mock.calls.map(([request]) => request.sessionId).sort()).toEqual([
      'a',
      'c',
    ])
    expect(sessions.sessions.map((session) => session.id)).toEqual(['b'])
    expect(wrapper.findAll('button').some((candidate) => candidate.text() === 'Remove closed sessions')).toBe(
      false,
    )
  })
})

describe('auto-reconnect', () => {
  async function connectedClient(): Promise<ReturnType<typeof useSessionsStore>> {
    const sessions = useSessionsStore()
    context.api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('c', 'tcp-client')] })
    await sessions.refresh()
    sessions.applyBatch(
      batch(eventsFor('c', [{ type: 'connected', local: peer, remote: peer, latencyMs: 1 }])),
    )
    context.api.reopenSession.mockResolvedValue({ ok: true, value: sessionInfo('c', 'tcp-client') })
    return sessions
  }
  const closedBy = (cause: 'peer' | 'local' | 'reset', seq = 2) =>
    batch(eventsFor('c', [{ type: 'close', scope: 'session', cause }], seq))

  it('off by default: a client the peer closed stays closed', async () => {
    vi.useFakeTimers()
    const sessions = await connectedClient()
    sessions.applyBatch(closedBy('peer'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(context.api.reopenSession).not.toHaveBeenCalled()
  })

  it('on: reconnects after the delay when the peer ended it, not when the user closed it', async () => {
    vi.useFakeTimers()
    const settings = useSettingsStore()
    settings.autoReconnect = true
    settings.setReconnectDelay(500)
    const sessions = await connectedClient()
    sessions.applyBatch(closedBy('local'))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(context.api.reopenSession).not.toHaveBeenCalled()

    sessions.applyBatch(closedBy('reset', 3))
    expect(useAutoReconnectStore().dueAt.c).toBeDefined()
    await vi.advanceTimersByTimeAsync(499)
    expect(context.api.reopenSession).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(context.api.reopenSession).toHaveBeenCalledWith({ sessionId: 'c' })
  })

  it('a cancelled, removed, or never-connected session is not reconnected', async () => {
    vi.useFakeTimers()
    useSettingsStore().autoReconnect = true
    const sessions = await connectedClient()
    sessions.applyBatch(closedBy('peer'))
    useAutoReconnectStore().cancel('c')
    await vi.advanceTimersByTimeAsync(60_000)

    context.api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('n', 'tcp-client')] })
    await sessions.refresh()
    sessions.applyBatch(batch(eventsFor('n', [{ type: 'close', scope: 'session', cause: 'error' }])))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(context.api.reopenSession).not.toHaveBeenCalled()
  })

  it('clamps the delay to its range', () => {
    const settings = useSettingsStore()
    settings.setReconnectDelay(1)
    expect(settings.reconnectDelayMs).toBe(100)
    settings.setReconnectDelay(Number.NaN)
    expect(settings.reconnectDelayMs).toBe(2_000)
  })
})
