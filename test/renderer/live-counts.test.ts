import { mount } from '@vue/test-utils'
import { beforeEach, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ClientsTable from '../../renderer/src/components/sessions/ClientsTable.vue'
import SessionList from '../../renderer/src/components/sessions/SessionList.vue'
import { i18n } from '../../renderer/src/i18n'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, sessionInfo, zeroStats } from './fake-api'
import { setupRenderer } from './setup'

// The counters change with every event batch; the session list and the clients table around them must not render
// again for it (under a flood that was a render of every session and client row, words and all, per batch).
// Their words are looked up only when they render, so a lookup counts a render of the list or table itself.

const peer = { address: '127.0.0.1', port: 50_001, family: 'IPv4' as const }
const counters = (bytesIn: number) => ({ ...zeroStats(), bytesIn, bytesOut: 7 })

let context: ReturnType<typeof setupRenderer>
beforeEach(async () => {
  context = setupRenderer()
  const client = { id: 'c1', remote: peer, local: peer, since: 0, state: 'open' as const, stats: counters(0) }
  context.api.listSessions.mockResolvedValue({
    ok: true,
    value: [sessionInfo('s', 'tcp-server', { connections: [client] })],
  })
  await useSessionsStore().refresh()
})

async function countsOnly(): Promise<void> {
  useSessionsStore().applyBatch(
    batch([], { stats: { s: { session: counters(123_456), connections: { c1: counters(65_536) } } } }),
  )
  await nextTick()
}

it('the session list shows the new byte counts without rendering its rows again', async () => {
  const lookups = vi.spyOn(i18n.global, 't')
  const wrapper = mount(SessionList, { global: { plugins: context.plugins } })
  expect(lookups).toHaveBeenCalled()
  lookups.mockClear()
  await countsOnly()
  expect(wrapper.get('.session-traffic').text()).toBe('↑7 ↓123,456')
  expect(lookups).not.toHaveBeenCalled()
  lookups.mockRestore()
})

it('the clients table shows a client’s new byte counts without rendering its rows again', async () => {
  const lookups = vi.spyOn(i18n.global, 't')
  const wrapper = mount(ClientsTable, {
    props: { session: useSessionsStore().sessions[0]! },
    global: { plugins: context.plugins },
  })
  lookups.mockClear()
  await countsOnly()
  expect(wrapper.get('li').text()).toContain('65,536')
  expect(lookups).not.toHaveBeenCalled()
  lookups.mockRestore()
})
