import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionInfo } from '../../electron/shared/model'
import ClientsTable from '../../renderer/src/components/sessions/ClientsTable.vue'
import SessionList from '../../renderer/src/components/sessions/SessionList.vue'
import { stateWord } from '../../renderer/src/lib/state-word'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, eventsFor, sessionInfo, zeroStats } from './fake-api'
import { setupRenderer } from './setup'

// Issue 14: "connected" after Stop accepting and after the peer's FIN; "No client connected yet" on a closed server.

const endpoint = (port: number) => ({ address: '127.0.0.1', port, family: 'IPv4' as const })
const client = (id: string, port: number): ConnectionInfo => ({
  id,
  remote: endpoint(port),
  local: endpoint(9000),
  since: 1_000,
  state: 'open',
  stats: zeroStats(),
})
const calm = { peerFinished: false, hostLost: false }

describe('state words', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  it('says what the engine state alone would leave stale', () => {
    const server = sessionInfo('s', 'tcp-server', { state: 'connected', listening: false })
    expect(stateWord({ ...server, connections: [client('c1', 1), client('c2', 2)] }, calm)).toMatchObject({
      key: 'stateWords.notAccepting',
      count: 2,
    })
    expect(stateWord(sessionInfo('s', 'tcp-server'), calm).key).toBe('state.listening')
    expect(stateWord(sessionInfo('c', 'tcp-client'), { ...calm, peerFinished: true }).key).toBe(
      'stateWords.halfClosedByPeer',
    )
    expect(
      stateWord(sessionInfo('c', 'tcp-client', { state: 'closed' }), { peerFinished: true, hostLost: true })
        .key,
    ).toBe('state.closed')
    expect(stateWord(sessionInfo('u', 'udp'), { ...calm, hostLost: true }).key).toBe('stateWords.hostLost')
  })

  async function mountList(...infos: ReturnType<typeof sessionInfo>[]) {
    context.api.listSessions.mockResolvedValue({ ok: true, value: infos })
    await useSessionsStore().refresh()
    const wrapper = mount(SessionList, { global: { plugins: context.plugins } })
    await flushPromises()
    return wrapper
  }
  const itemName = (wrapper: Awaited<ReturnType<typeof mountList>>, index = 0) =>
    wrapper.findAll('li.session-item')[index]!.attributes('aria-label')

  it('names a server that stopped accepting "not accepting (N clients)", in the list and on its badge', async () => {
    const server = sessionInfo('s', 'tcp-server', { connections: [client('c1', 5001), client('c2', 5002)] })
    const wrapper = await mountList(server)
    expect(itemName(wrapper)).toBe('TCP server 127.0.0.1:9000 listening')

    useSessionsStore().applyBatch(
      batch(
        eventsFor('s', [
          { type: 'close', scope: 'listener', cause: 'local' },
          { type: 'state', state: 'connected' },
        ]),
      ),
    )
    await flushPromises()
    expect(itemName(wrapper)).toBe('TCP server 127.0.0.1:9000 not accepting (2 clients)')
    expect(wrapper.get('.state-badge').text()).toBe('not accepting (2 clients)')

    // One client leaves.
    useSessionsStore().applyBatch(
      batch([
        {
          ...eventsFor('s', [{ type: 'close', scope: 'connection', cause: 'peer' }], 4)[0]!,
          connectionId: 'c1',
        },
      ]),
    )
    await flushPromises()
    expect(itemName(wrapper)).toBe('TCP server 127.0.0.1:9000 not accepting (1 client)')
  })

  it('names a client whose peer sent FIN "half-closed by peer"', async () => {
    const wrapper = await mountList(sessionInfo('c', 'tcp-client'))
    expect(itemName(wrapper)).toBe('TCP client 127.0.0.1:9000 connected')
    useSessionsStore().applyBatch(batch(eventsFor('c', [{ type: 'end' }])))
    await flushPromises()
    expect(itemName(wrapper)).toBe('TCP client 127.0.0.1:9000 half-closed by peer')

    // Reconnected in place: a new connection, not half-closed.
    const endpoint9000 = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }
    useSessionsStore().applyBatch(
      batch(
        eventsFor('c', [{ type: 'connected', local: endpoint9000, remote: endpoint9000, latencyMs: 1 }], 10),
      ),
    )
    await flushPromises()
    expect(itemName(wrapper)).toBe('TCP client 127.0.0.1:9000 connected')
  })

  it('says "unknown: host lost" for open sessions once the host is gone', async () => {
    const wrapper = await mountList(
      sessionInfo('c', 'tcp-client'),
      sessionInfo('x', 'tcp-client', { state: 'closed' }),
    )
    useConnectionStore().status = 'closed'
    await flushPromises()
    expect(itemName(wrapper, 0)).toBe('TCP client 127.0.0.1:9000 unknown: host lost')
    expect(itemName(wrapper, 1)).toBe('TCP client 127.0.0.1:9000 closed')
  })

  it('does not say "No client connected yet" on a closed server', () => {
    const closed = sessionInfo('s', 'tcp-server', { state: 'closed', listening: false })
    const wrapper = mount(ClientsTable, { props: { session: closed }, global: { plugins: context.plugins } })
    expect(wrapper.text()).not.toContain('No client connected yet')
    expect(wrapper.text()).toContain('The server is closed; no client is connected.')
  })
})
