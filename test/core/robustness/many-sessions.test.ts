import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import type { SessionInfo, SessionOptions } from '../../../electron/shared'
import { nodeTcpServer, within, type NodeTcpServer } from '../../helpers/peers'
import {
  EventLog,
  expectTcpPortFree,
  expectUdpPortFree,
  isEvent,
  sessionOptions,
  socketHandleCounts,
  type SocketHandleCounts,
} from './engine-harness'

// Issue 8, load: 200 sessions of every kind open at once, then closed. Nothing may be left behind: the engine's
// own counts, the process's socket handles and a rebind of every port must all agree.

const SERVERS = 70
const CLIENTS = 70
const UDP = 60
/** Opens in batches so 200 connects and binds do not all land on one tick of a 2-core machine. */
const BATCH = 25

async function openInBatches(engine: SessionManager, all: SessionOptions[]): Promise<SessionInfo[]> {
  const opened: SessionInfo[] = []
  for (let start = 0; start < all.length; start += BATCH) {
    opened.push(
      ...(await Promise.all(all.slice(start, start + BATCH).map((options) => engine.open(options)))),
    )
  }
  return opened
}

describe('200 sessions open at once, then closed', () => {
  let engine: SessionManager
  let log: EventLog
  let outside: NodeTcpServer | undefined
  let handlesBefore: SocketHandleCounts

  beforeEach(async () => {
    handlesBefore = await socketHandleCounts()
    engine = new SessionManager()
    log = new EventLog(engine)
    outside = await nodeTcpServer('127.0.0.1')
  })

  afterEach(async () => {
    log.stop()
    await engine.disposeAll()
    await outside?.close()
    outside = undefined
  })

  /** Opens the mix and checks the engine and the process agree on what is open. */
  async function openMix(): Promise<SessionInfo[]> {
    const port = outside!.port
    const all: SessionOptions[] = [
      ...Array.from({ length: SERVERS }, () =>
        sessionOptions({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
      ),
      ...Array.from({ length: CLIENTS }, () =>
        sessionOptions({ kind: 'tcp-client', host: '127.0.0.1', port }),
      ),
      ...Array.from({ length: UDP }, () => sessionOptions({ kind: 'udp', host: '127.0.0.1' })),
    ]
    const opened = await openInBatches(engine, all)
    await within(
      Promise.all(Array.from({ length: CLIENTS }, () => outside!.nextPeer())),
      'the outside server to accept every client',
    )
    expect(engine.list()).toHaveLength(SERVERS + CLIENTS + UDP)
    const states = engine.list().reduce<Record<string, number>>((count, session) => {
      count[session.state] = (count[session.state] ?? 0) + 1
      return count
    }, {})
    expect(states).toEqual({ listening: SERVERS, connected: CLIENTS, bound: UDP })
    const whileOpen = await socketHandleCounts()
    expect(whileOpen.TCPServerWrap - handlesBefore.TCPServerWrap).toBe(SERVERS + 1) // + the outside server
    expect(whileOpen.UDPWrap - handlesBefore.UDPWrap).toBe(UDP)
    expect(whileOpen.TCPSocketWrap - handlesBefore.TCPSocketWrap).toBe(CLIENTS * 2) // both ends live here
    return opened
  }

  /** Every session said it closed, the peer saw every client go, no handle is left and every port binds again. */
  async function expectNothingLeft(opened: SessionInfo[]): Promise<void> {
    const sessionCloses = log.matching(isEvent('close')).filter((event) => event.scope === 'session')
    expect(new Set(sessionCloses.map((event) => event.sessionId)).size).toBe(opened.length)
    await within(
      Promise.all(outside!.peers.map((peer) => peer.closed)),
      'the outside server to see every client close',
    )
    await outside!.close()
    outside = undefined
    expect(await socketHandleCounts()).toEqual(handlesBefore)
    for (const session of opened) {
      if (session.kind === 'tcp-server') await expectTcpPortFree('127.0.0.1', session.local!.port)
      if (session.kind === 'udp') await expectUdpPortFree('127.0.0.1', session.local!.port)
    }
  }

  it('closing each leaves no socket, listener or connection behind', async () => {
    const opened = await openMix()

    const closed = await Promise.all(opened.map((session) => engine.close(session.id)))
    expect(closed.every((session) => session.state === 'closed')).toBe(true)
    for (const session of opened) {
      expect(engine.stats(session.id)).toMatchObject({ openConnections: 0, queuedBytes: 0 })
      expect(engine.get(session.id).listening ?? false).toBe(false)
    }
    await expectNothingLeft(opened)

    await Promise.all(opened.map((session) => engine.remove(session.id)))
    expect(engine.list()).toEqual([])
  }, 60_000)

  it('disposeAll (what quitting runs) leaves nothing behind either', async () => {
    const opened = await openMix()

    await engine.disposeAll()
    expect(engine.list()).toEqual([])
    await expectNothingLeft(opened)
  }, 60_000)
})
