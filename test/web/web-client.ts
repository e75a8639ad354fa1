import { once } from 'node:events'
import { WebSocket, type ClientOptions } from 'ws'
import {
  Channels,
  decodeWire,
  encodeWire,
  type ChannelName,
  type WebMessage,
  type WebRequest,
} from '../../electron/shared'

const WAIT_MS = 5_000

/** How the host answered an upgrade: opened, or the HTTP status it refused with. */
export async function tryUpgrade(url: string, options: ClientOptions = {}): Promise<WebSocket | number> {
  const socket = new WebSocket(url, options)
  const refused = once(socket, 'unexpected-response', { signal: AbortSignal.timeout(WAIT_MS) }).then(
    ([, response]) => (response as { statusCode: number }).statusCode,
  )
  const opened = once(socket, 'open', { signal: AbortSignal.timeout(WAIT_MS) }).then(() => socket)
  const outcome = await Promise.race([refused, opened])
  // The losing wait is abandoned; silence its rejection.
  refused.catch(() => undefined)
  opened.catch(() => undefined)
  if (typeof outcome === 'number') socket.terminate()
  return outcome
}

/** A test's view of one web client: sends requests, waits for the messages it expects. */
export class WebClient {
  private readonly messages: WebMessage[] = []
  private readonly waiters = new Set<() => void>()
  private nextId = 1

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(decodeWire(data.toString()) as WebMessage)
      for (const wake of this.waiters) wake()
    })
  }

  /** Resolves once `condition` holds, checked now and after every message; rejects after a timeout. */
  waitUntil(condition: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return
        this.waiters.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`Timed out waiting for ${what}`))
      }, WAIT_MS)
      this.waiters.add(check)
      check()
    })
  }

  /** Resolves with the first message (seen so far or later) that matches. */
  async waitFor<T extends WebMessage>(match: (message: WebMessage) => message is T, what: string): Promise<T>
  async waitFor(match: (message: WebMessage) => boolean, what: string): Promise<WebMessage>
  async waitFor(match: (message: WebMessage) => boolean, what: string): Promise<WebMessage> {
    await this.waitUntil(() => this.messages.some(match), what)
    return this.messages.find(match)!
  }

  /** Every message received so far. */
  received(): readonly WebMessage[] {
    return this.messages
  }

  /** Sends a raw text frame. */
  sendRaw(text: string | Buffer): void {
    this.socket.send(text)
  }

  async request(
    channel: ChannelName,
    payload: unknown,
  ): Promise<Extract<WebMessage, { kind: 'response' }>['result']> {
    const id = this.nextId++
    this.socket.send(encodeWire({ id, channel: Channels[channel], payload } satisfies WebRequest))
    const response = await this.waitFor(
      (message): message is Extract<WebMessage, { kind: 'response' }> =>
        message.kind === 'response' && message.id === id,
      `the response to request ${id} (${channel})`,
    )
    return response.result
  }

  /** Every event of every batch received so far. */
  events(): Extract<WebMessage, { kind: 'events' }>['batch']['events'] {
    return this.messages.flatMap((message) => (message.kind === 'events' ? message.batch.events : []))
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return
    const closed = once(this.socket, 'close')
    this.socket.close()
    await closed
  }
}
