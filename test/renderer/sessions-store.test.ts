import { beforeEach, describe, expect, it } from 'vitest'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { batch, eventsFor, sessionInfo, zeroStats } from './fake-api'
import { setupRenderer } from './setup'

const peer = { address: '127.0.0.1', port: 50_001, family: 'IPv4' as const }
const local = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }

describe('sessions store', () => {
  let api: ReturnType<typeof setupRenderer>['api']
  beforeEach(() => {
    api = setupRenderer().api
  })

  it('selects a newly opened session', async () => {
    const sessions = useSessionsStore()
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('a', 'tcp-server') })
    await sessions.open({ kind: 'tcp-server', port: 9000 })
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('b', 'udp') })
    await sessions.open({ kind: 'udp' })
    expect(sessions.sessions.map((s) => s.id)).toEqual(['a', 'b'])
    expect(sessions.selectedId).toBe('b')
  })

  it('lists and selects a session whose open failed, as the engine keeps it', async () => {
    const sessions = useSessionsStore()
    const failed = sessionInfo('x', 'tcp-client', { state: 'error' })
    api.openSession.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ECONNREFUSED', message: 'refused', sessionId: 'x' },
    })
    api.listSessions.mockResolvedValueOnce({ ok: true, value: [failed] })
    const result = await sessions.open({ kind: 'tcp-client', host: '127.0.0.1', port: 9 })
    expect(result.ok).toBe(false)
    expect(sessions.selected?.state).toBe('error')
  })

  it('replaces counters with each stats snapshot instead of adding them up', async () => {
    const sessions = useSessionsStore()
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('s', 'tcp-server') })
    await sessions.open({ kind: 'tcp-server', port: 9000 })
    const snapshot = (bytesIn: number) => ({
      s: { session: { ...zeroStats(), bytesIn, messagesIn: 1 }, connections: {} },
    })
    sessions.applyBatch(batch([], { stats: snapshot(1_000) }))
    sessions.applyBatch(batch([], { stats: snapshot(1_500) }))
    expect(sessions.byId.s?.stats.bytesIn).toBe(1_500)
    expect(sessions.byId.s?.stats.messagesIn).toBe(1)
  })

  it('tracks accepted clients with their own exact counters, and drops them when they close', async () => {
    const sessions = useSessionsStore()
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('s', 'tcp-server') })
    await sessions.open({ kind: 'tcp-server', port: 9000 })
    const [accept1, accept2] = eventsFor('s', [
      { type: 'accept', local, remote: peer },
      { type: 'accept', local, remote: { ...peer, port: 50_002 } },
    ])
    sessions.applyBatch(
      batch(
        [
          { ...accept1!, connectionId: 'c1' },
          { ...accept2!, connectionId: 'c2' },
        ],
        {
          stats: {
            s: {
              session: { ...zeroStats(), bytesIn: 7, openConnections: 2 },
              connections: {
                c1: { bytesIn: 7, bytesOut: 0, messagesIn: 1, messagesOut: 0, queuedBytes: 0, framesIn: 0 },
              },
            },
          },
        },
      ),
    )
    expect(sessions.byId.s?.connections.map((c) => [c.id, c.remote.port, c.stats.bytesIn])).toEqual([
      ['c1', 50_001, 7],
      ['c2', 50_002, 0],
    ])
    const [close] = eventsFor('s', [{ type: 'close', scope: 'connection', cause: 'peer' }], 3)
    sessions.applyBatch(batch([{ ...close!, connectionId: 'c1' }]))
    expect(sessions.byId.s?.connections.map((c) => c.id)).toEqual(['c2'])
  })

  it('follows state events and records the lifecycle steps, even those before the open response', async () => {
    const sessions = useSessionsStore()
    sessions.applyBatch(
      batch(
        eventsFor('s', [
          { type: 'socket', protocol: 'tcp' },
          { type: 'bind', local },
          { type: 'listen', local, backlog: 511 },
        ]),
      ),
    )
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('s', 'tcp-server') })
    await sessions.open({ kind: 'tcp-server', port: 9000 })
    sessions.applyBatch(batch(eventsFor('s', [{ type: 'state', state: 'closed' }], 4)))
    expect(sessions.selected?.state).toBe('closed')
    expect(sessions.steps.s?.session.map((step) => step.type)).toEqual(['socket', 'bind', 'listen'])
  })

  it('asks the host for the list when events name a session it does not know', async () => {
    const sessions = useSessionsStore()
    api.listSessions.mockResolvedValue({ ok: true, value: [sessionInfo('other', 'udp')] })
    sessions.applyBatch(batch(eventsFor('other', [{ type: 'state', state: 'bound' }])))
    await sessions.refresh()
    expect(sessions.sessions.map((s) => s.id)).toEqual(['other'])
  })

  it('forgets a removed session and ignores its late events', async () => {
    const sessions = useSessionsStore()
    api.openSession.mockResolvedValueOnce({ ok: true, value: sessionInfo('s', 'udp') })
    await sessions.open({ kind: 'udp' })
    api.removeSession.mockResolvedValueOnce({ ok: true, value: null })
    await sessions.remove('s')
    sessions.applyBatch(batch(eventsFor('s', [{ type: 'state', state: 'closed' }])))
    expect(sessions.sessions).toEqual([])
    expect(sessions.selectedId).toBeUndefined()
    expect(api.listSessions).not.toHaveBeenCalled()
  })
})
