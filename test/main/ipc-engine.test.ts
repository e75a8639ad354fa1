import { once } from 'node:events'
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserWindow as ElectronWindow } from 'electron'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { SessionManager } from '../../electron/core/engine'
import { createWorkbench } from '../../electron/core/workbench'
import {
  Channels,
  EVENTS_CHANNEL,
  type ChannelName,
  type EventBatch,
  type RequestMap,
  type Result,
  type SessionEvent,
} from '../../electron/shared'
import { BrowserWindow, ipcMain } from './fake-electron'
import { handle } from '../../electron/main/ipc'
import { forwardEvents } from '../../electron/main/forwarder'

vi.mock('electron', () => import('./fake-electron'))

// Requests go in through the registered IPC handlers, exactly as the preload's invoke() would deliver them,
// to the real engine on real loopback sockets; peers are plain node net/dgram sockets, not our engine.

const APP_ORIGIN = 'app://renderer'
const mainFrame = { origin: APP_ORIGIN, parent: null }
const dataDir = mkdtempSync(join(tmpdir(), 'ipc-engine-'))
const engine = new SessionManager()
const window = new BrowserWindow({})
const events: SessionEvent[] = []
const eventWaiters = new Set<() => void>()
let unregister: () => void

async function request<K extends ChannelName>(
  name: K,
  payload: RequestMap[K]['request'],
): Promise<Result<RequestMap[K]['response']>> {
  const listener = ipcMain.handlers.get(Channels[name])
  if (listener === undefined) throw new Error(`${name} is not registered`)
  return (await listener({ senderFrame: mainFrame }, payload)) as Result<RequestMap[K]['response']>
}

async function value<K extends ChannelName>(name: K, payload: RequestMap[K]['request']) {
  const result = await request(name, payload)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

/** Resolves with the first forwarded event that matches, from batches the window received. */
function forwardedEvent(match: (event: SessionEvent) => boolean, timeoutMs = 5_000): Promise<SessionEvent> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = events.find(match)
      if (found === undefined) return
      cleanup()
      resolve(found)
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error('no matching event was forwarded in time'))
    }, timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      eventWaiters.delete(check)
    }
    eventWaiters.add(check)
    check()
  })
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')
const bytes = (value: string) => new Uint8Array(Buffer.from(value))

beforeAll(() => {
  window.webContents.send.mockImplementation((channel: string, batch: EventBatch) => {
    if (channel !== EVENTS_CHANNEL) return
    events.push(...batch.events)
    for (const check of [...eventWaiters]) check()
  })
  forwardEvents(window as unknown as ElectronWindow, engine)
  unregister = handle(createWorkbench({ dataDir, engine }).handlers, [APP_ORIGIN])
})

afterEach(async () => {
  await engine.disposeAll()
  for (const session of engine.list()) await engine.remove(session.id)
})

afterAll(async () => {
  unregister()
  window.close()
  await engine.disposeAll()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('IPC to a real engine on loopback', () => {
  it('TCP server: listen, accept a plain client, receive from it and send back, then close', async () => {
    const session = await value('openSession', { kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    expect(session).toMatchObject({ kind: 'tcp-server', state: 'listening' })
    const port = session.local?.port ?? 0
    expect(port).toBeGreaterThan(0)

    const peer = connect(port, '127.0.0.1')
    await once(peer, 'connect')
    peer.write('hello')
    const received = await forwardedEvent(
      (event) => event.sessionId === session.id && event.type === 'received',
    )
    expect(received.type === 'received' && text(received.data)).toBe('hello')

    const reply = once(peer, 'data')
    await expect(request('send', { sessionId: session.id, data: bytes('pong') })).resolves.toEqual({
      ok: true,
      value: { bytes: 4, targets: 1 },
    })
    expect(String((await reply)[0])).toBe('pong')

    const listed = await value('listSessions', undefined)
    expect(listed.map((info) => info.id)).toContain(session.id)

    const closed = await value('closeSession', { sessionId: session.id })
    expect(closed.state).toBe('closed')
    await once(peer, 'close')
  })

  it('TCP client: connects to a plain server and sends to it', async () => {
    const server: Server = createServer()
    const accepted = once(server, 'connection') as Promise<[Socket]>
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    try {
      const session = await value('openSession', { kind: 'tcp-client', host: '127.0.0.1', port })
      expect(session.state).toBe('connected')
      const [socket] = await accepted
      const data = once(socket, 'data')
      await value('send', { sessionId: session.id, data: bytes('from the app') })
      expect(String((await data)[0])).toBe('from the app')
      await value('removeSession', { sessionId: session.id })
      expect(await value('listSessions', undefined)).toEqual([])
    } finally {
      server.close()
    }
  })

  it('UDP: receives a datagram from a plain socket and answers it', async () => {
    const peer: UdpSocket = createSocket('udp4')
    peer.bind(0, '127.0.0.1')
    await once(peer, 'listening')
    try {
      const session = await value('openSession', { kind: 'udp', host: '127.0.0.1', port: 0 })
      expect(session.state).toBe('bound')
      peer.send('ping', session.local?.port ?? 0, '127.0.0.1')
      const received = await forwardedEvent(
        (event) => event.sessionId === session.id && event.type === 'received',
      )
      expect(received.type === 'received' && text(received.data)).toBe('ping')

      const answer = once(peer, 'message')
      const { port } = peer.address()
      await value('send', {
        sessionId: session.id,
        data: bytes('pong'),
        remoteHost: '127.0.0.1',
        remotePort: port,
      })
      expect(String((await answer)[0])).toBe('pong')
    } finally {
      peer.close()
    }
  })

  it('engine failures come back as coded results, not exceptions', async () => {
    const server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    try {
      const inUse = await request('openSession', { kind: 'tcp-server', host: '127.0.0.1', port })
      expect(inUse).toMatchObject({ ok: false, error: { code: 'EADDRINUSE' } })
    } finally {
      server.close()
      await once(server, 'close')
    }
    const refused = await request('openSession', { kind: 'tcp-client', host: '127.0.0.1', port })
    expect(refused).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } })
    const unknown = await request('closeSession', { sessionId: 'no-such-session' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ENOSESSION' } })
  })
})
