import { describe, expect, it } from 'vitest'
import type { EventBatch } from '../../electron/shared/model'
import { decodeWire, encodeWire } from '../../electron/shared/web-protocol'
import { OwnErrorCode } from '../../electron/shared/errors'
import { createWebTransport, webSocketUrl } from '../../renderer/src/api/web-transport'

/** Just enough of a browser WebSocket: the test plays the host by calling open/receive/close. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: unknown }) => void) | null = null
  onclose: ((close: { code: number }) => void) | null = null
  readonly sent: { id: number; channel: string; payload: unknown }[] = []

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this)
  }

  send(frame: string): void {
    this.sent.push(decodeWire(frame) as FakeWebSocket['sent'][number])
  }

  open(): void {
    this.onopen?.()
  }

  receive(message: unknown): void {
    this.onmessage?.({ data: encodeWire(message) })
  }

  close(code = 1006): void {
    this.onclose?.({ code })
  }
}

function connect(url: string | undefined) {
  FakeWebSocket.instances = []
  const transport = createWebTransport({
    url,
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    reconnectDelayMs: 60_000,
  })
  return { transport, socket: FakeWebSocket.instances[0] }
}

describe('web transport', () => {
  it('builds the socket URL for the page host and its token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a+b/c')).toBe(
      'ws://127.0.0.1:8080/ws?token=a%2Bb%2Fc',
    )
    expect(webSocketUrl({ protocol: 'https:', host: 'h:1' }, 'x')).toBe('wss://h:1/ws?token=x')
    expect(webSocketUrl({ protocol: 'http:', host: 'h:1' }, undefined)).toBeUndefined()
  })

  it('sends requests by channel wire name, with bytes, and resolves each with its own response', async () => {
    const { transport, socket } = connect('ws://127.0.0.1:1/ws?token=t')
    const listing = transport.api.listSessions()
    const sending = transport.api.send({ sessionId: 's', data: new Uint8Array([1, 2, 255]) })
    socket!.open()
    expect(socket!.sent.map((frame) => frame.channel)).toEqual(['session:list', 'session:send'])
    expect(socket!.sent[1]!.payload).toEqual({ sessionId: 's', data: new Uint8Array([1, 2, 255]) })
    socket!.receive({
      kind: 'response',
      id: socket!.sent[1]!.id,
      result: { ok: true, value: { bytes: 3, targets: 1 } },
    })
    socket!.receive({ kind: 'response', id: socket!.sent[0]!.id, result: { ok: true, value: [] } })
    expect(await sending).toEqual({ ok: true, value: { bytes: 3, targets: 1 } })
    expect(await listing).toEqual({ ok: true, value: [] })
    expect(transport.status()).toBe('open')
  })

  it('hands event batches, payload bytes included, to every listener until it unsubscribes', () => {
    const { transport, socket } = connect('ws://127.0.0.1:1/ws?token=t')
    socket!.open()
    const seen: EventBatch[] = []
    const stop = transport.api.onEvents((batch) => seen.push(batch))
    const batch: EventBatch = {
      events: [
        { type: 'received', sessionId: 's', seq: 1, time: 1, byteLength: 1, data: new Uint8Array([7]) },
      ],
      omitted: {},
      stats: {},
    }
    socket!.receive({ kind: 'events', batch })
    stop()
    socket!.receive({ kind: 'events', batch })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.events[0]).toMatchObject({ data: new Uint8Array([7]) })
  })

  it('answers EACCES, never hangs, when the host refuses the connection', async () => {
    const { transport, socket } = connect('ws://127.0.0.1:1/ws?token=t')
    const waiting = transport.api.listSessions()
    socket!.close(1006)
    expect(await waiting).toMatchObject({ ok: false, error: { code: OwnErrorCode.hostRefused } })
    expect(transport.status()).toBe('refused')
    expect(await transport.api.openSession({ kind: 'udp' })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.hostRefused },
    })
  })

  it('answers ENOTCONN for requests in flight and while the connection is lost', async () => {
    const { transport, socket } = connect('ws://127.0.0.1:1/ws?token=t')
    const statuses: string[] = []
    transport.onStatus((status) => statuses.push(status))
    socket!.open()
    const inFlight = transport.api.listSessions()
    socket!.close(1001)
    expect(await inFlight).toMatchObject({ ok: false, error: { code: OwnErrorCode.hostLost } })
    expect(await transport.api.listSessions()).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.hostLost },
    })
    expect(statuses).toEqual(['open', 'closed'])
  })

  it('does not try to connect without a token', async () => {
    const { transport, socket } = connect(undefined)
    expect(socket).toBeUndefined()
    expect(transport.status()).toBe('no-token')
    expect(await transport.api.listSessions()).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.hostRefused },
    })
  })
})
