import { once } from 'node:events'
import { connect, createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../electron/core/engine'
import type { SessionEngine } from '../../electron/core/session-engine'
import type { SessionEvent, SessionInfo, WebMessage } from '../../electron/shared'
import { startTempHost, type TempHost } from './temp-host'
import { WebClient, tryUpgrade } from './web-client'

let web: TempHost | undefined
const peers: Socket[] = []

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy()
  await web?.dispose()
  web = undefined
})

async function openClient(host: TempHost): Promise<WebClient> {
  const socket = await tryUpgrade(host.wsUrl(), { origin: host.origin })
  if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`)
  return new WebClient(socket)
}

async function connectPeer(port: number): Promise<Socket> {
  const peer = connect({ host: '127.0.0.1', port })
  peers.push(peer)
  await once(peer, 'connect', { signal: AbortSignal.timeout(5_000) })
  return peer
}

const hasEvent = (client: WebClient, type: SessionEvent['type']) => () =>
  client.events().some((event) => event.type === type)

describe('web host with the engine', () => {
  it('opens a TCP server that an outside client reaches; its events arrive as batches', async () => {
    web = await startTempHost()
    const client = await openClient(web)
    const opened = await client.request('openSession', { kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    expect(opened.ok).toBe(true)
    const session = (opened as { ok: true; value: SessionInfo }).value
    expect(session).toMatchObject({ kind: 'tcp-server', state: 'listening' })

    const peer = await connectPeer(session.local!.port)
    peer.write('hello from outside')
    await client.waitUntil(hasEvent(client, 'received'), 'the received event')

    const received = client.events().find((event) => event.type === 'received')
    expect(received).toMatchObject({ sessionId: session.id, byteLength: 18 })
    const data = (received as { data: Uint8Array }).data
    // A plain Uint8Array, as a browser decodes it, not a serialised Buffer object.
    expect(data).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(data)).toBe('hello from outside')
    expect(client.events().some((event) => event.type === 'accept')).toBe(true)

    const batches = client
      .received()
      .filter((message): message is Extract<WebMessage, { kind: 'events' }> => message.kind === 'events')
    expect(batches.length).toBeGreaterThan(0)
    const last = batches.at(-1)!.batch
    expect(last.stats[session.id]?.session.bytesIn).toBe(18)

    const answer = once(peer, 'data', { signal: AbortSignal.timeout(5_000) })
    const sent = await client.request('send', {
      sessionId: session.id,
      data: new TextEncoder().encode('reply'),
    })
    expect(sent).toEqual({ ok: true, value: { bytes: 5, targets: 1 } })
    expect(String((await answer)[0])).toBe('reply')
    await client.close()
  })

  it('gives each client its own batcher and disposes it when that client goes', async () => {
    const engine = new SessionManager()
    let subscribed = 0
    const unsubscribed: Array<() => void> = []
    const subscribe: SessionEngine['subscribe'] = (listener) => {
      subscribed++
      const unsubscribe = engine.subscribe(listener)
      return () => {
        subscribed--
        unsubscribe()
        unsubscribed.shift()?.()
      }
    }
    // Every other member goes to the real engine, bound to it (it may keep private fields).
    const counting = new Proxy(engine, {
      get(target, key) {
        if (key === 'subscribe') return subscribe
        const value: unknown = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    web = await startTempHost({ engine: counting })
    const first = await openClient(web)
    const second = await openClient(web)
    expect(subscribed).toBe(2)

    const released = new Promise<void>((resolve) => unsubscribed.push(resolve))
    await first.close()
    await released
    expect(subscribed).toBe(1)

    const opened = await second.request('openSession', { kind: 'udp', host: '127.0.0.1', port: 0 })
    expect(opened.ok).toBe(true)
    await second.waitUntil(hasEvent(second, 'bind'), 'the bind event on the remaining client')
    await second.close()
  })

  it('close() releases every socket the host opened, so its port can be bound again', async () => {
    web = await startTempHost()
    const client = await openClient(web)
    const opened = await client.request('openSession', { kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const port = (opened as { ok: true; value: SessionInfo }).value.local!.port
    await web.host.close()

    const rebound = createServer()
    rebound.listen(port, '127.0.0.1')
    await once(rebound, 'listening', { signal: AbortSignal.timeout(5_000) })
    expect((rebound.address() as { port: number }).port).toBe(port)
    rebound.close()
  })
})
