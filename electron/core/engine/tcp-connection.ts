import type { Socket } from 'node:net'
import type { CloseCause, CodedError, ConnectionInfo, ConnectionStats, Endpoint } from '../../shared'
import { closedBeforeSent, sendQueueFull, wrongState } from './engine-errors'
import { formatEndpoint } from './endpoints'
import { toCodedError } from './error-messages'
import type { EventBody } from './event-sequencer'
import type { Deliver } from './pipeline'
import type { TrafficCounter } from './traffic-counter'

/** How long a graceful close waits for queued bytes and our FIN before it destroys the socket. */
export const CLOSE_GRACE_MS = 2_000

export interface TcpConnectionHooks {
  sessionId: string
  /** Emits one of this connection's events; the owner adds the connection id where one applies. */
  emit(body: EventBody): void
  /** Emits a sent row the same way, without building an event body first. */
  emitData(type: 'sent', data: Uint8Array, remote: Endpoint | undefined): void
  /** Takes each chunk read: the session's inbound pipeline, which counts it and emits its row. */
  receive: Deliver
  /** Counts what is sent (the pipeline counts what is received). */
  counter: TrafficCounter
  remote: Endpoint
  /** Server connections name the peer on every data event; a client's one peer is on the session. */
  remoteOnData: boolean
  /** Keep sending after the peer's FIN; otherwise answer it with ours once the queue is written. */
  halfOpen: boolean
  /** Bytes that may wait for the peer (our queue plus the socket's buffer) before a send is refused. */
  maxQueuedBytes: number
  /** Told when the peer's FIN arrived (after its 'end' event); a relay passes the FIN on. */
  onPeerFin?(): void
  /** Under TLS, the TCP socket beneath: a reset goes there (a TLS socket has no RST of its own). */
  tcp?: Socket
  /** Called once, after the socket closed and every pending send was settled. */
  onClosed(cause: CloseCause, error: CodedError | undefined): void
}

interface PendingWrite {
  data: Uint8Array
  resolve(bytes: number): void
  reject(error: CodedError): void
}

/**
 * One connected TCP socket (a client's, or one a server accepted). The peer's FIN is reported as 'end'; with
 * halfOpen we can still send, otherwise our FIN follows once the queue is written. Sends are written one at a time in order; after
 * write() returns false the next one waits for 'drain'. Each send resolves at its write callback.
 */
export class TcpConnection {
  state: ConnectionInfo['state'] = 'open'
  readonly since = Date.now()
  readonly closed: Promise<void>
  private markClosed!: () => void
  private readonly queue: PendingWrite[] = []
  /** Bytes in `queue`, not yet handed to the socket. */
  private queueBytes = 0
  private awaitingDrain = false
  /** end() was asked for (half-close or graceful close); it is called once our queue is written. */
  private finRequested = false
  private announceHalfClose = false
  private lastFin: 'local' | 'peer' | undefined
  private requestedCause: CloseCause | undefined
  private failure: { cause: CloseCause; error: CodedError } | undefined
  private graceTimer: ReturnType<typeof setTimeout> | undefined
  private readonly finishWaiters: Array<{ resolve(): void; reject(error: CodedError): void }> = []
  private readonly remoteText: string

  constructor(
    private readonly socket: Socket,
    private readonly hooks: TcpConnectionHooks,
  ) {
    this.remoteText = formatEndpoint(hooks.remote.address, hooks.remote.port)
    this.closed = new Promise((resolve) => (this.markClosed = resolve))
    socket.on('data', this.onData)
    socket.on('end', this.onEnd)
    socket.on('finish', this.onFinish)
    socket.on('error', this.onError)
    socket.once('close', this.onClose)
  }

  get remote(): Endpoint {
    return this.hooks.remote
  }

  get local(): Endpoint {
    return {
      address: this.socket.localAddress ?? '',
      port: this.socket.localPort ?? 0,
      family: this.socket.localFamily === 'IPv6' ? 'IPv6' : 'IPv4',
    }
  }

  /** Open for sending: not closed, and no FIN of ours sent or asked for. */
  get canSend(): boolean {
    return this.state !== 'closed' && !this.finRequested
  }

  stats(): ConnectionStats {
    return { ...this.hooks.counter.snapshot(), queuedBytes: this.queuedBytes() }
  }

  /** Bytes sent to this connection and not yet accepted by the kernel: waiting in our queue or the socket's. */
  queuedBytes(): number {
    return this.state === 'closed' ? 0 : this.queueBytes + this.socket.writableLength
  }

  send(data: Uint8Array): Promise<number> {
    if (!this.canSend) return Promise.reject(this.cannotSend('send'))
    const queued = this.queuedBytes()
    if (queued + data.byteLength > this.hooks.maxQueuedBytes) {
      return Promise.reject(
        sendQueueFull(
          this.hooks.sessionId,
          this.remoteText,
          queued,
          data.byteLength,
          this.hooks.maxQueuedBytes,
        ),
      )
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject })
      this.queueBytes += data.byteLength
      this.pump()
    })
  }

  /** Sends FIN after the queued bytes and keeps receiving; resolves once the FIN is handed to the kernel. */
  halfClose(): Promise<void> {
    if (!this.canSend) return Promise.reject(this.cannotSend('half-close'))
    this.announceHalfClose = true
    return this.requestFin()
  }

  /** Stops reading: the kernel's buffer fills and TCP's window tells the peer to wait (backpressure for a pipe). */
  pause(): void {
    this.socket.pause()
  }

  resume(): void {
    this.socket.resume()
  }

  get isPaused(): boolean {
    return this.socket.isPaused()
  }

  /** Graceful: FIN after the queued bytes, then the socket is destroyed (at the latest after a grace period). */
  close(cause: CloseCause): Promise<void> {
    if (this.state === 'closed') return this.closed
    this.requestedCause ??= cause
    this.graceTimer ??= setTimeout(this.onGraceOver, CLOSE_GRACE_MS)
    if (this.socket.writableFinished) this.socket.destroy()
    else this.requestFin().catch(() => undefined) // the close event reports any failure
    return this.closed
  }

  /** Abort: RST at once, queued bytes are dropped. */
  reset(): Promise<void> {
    if (this.state === 'closed') return this.closed
    this.requestedCause ??= 'aborted'
    ;(this.hooks.tcp ?? this.socket).resetAndDestroy()
    return this.closed
  }

  private cannotSend(action: string): CodedError {
    const why = this.state === 'closed' ? 'is closed' : 'has already sent its FIN and can only receive'
    return wrongState(this.hooks.sessionId, `cannot ${action}: the connection to ${this.remoteText} ${why}`)
  }

  private requestFin(): Promise<void> {
    this.finRequested = true
    const finished = new Promise<void>((resolve, reject) => this.finishWaiters.push({ resolve, reject }))
    this.endWhenQueueWritten()
    return finished
  }

  private endWhenQueueWritten(): void {
    if (this.finRequested && this.queue.length === 0 && !this.socket.writableEnded) this.socket.end()
  }

  private pump(): void {
    while (!this.awaitingDrain && this.queue.length > 0) {
      const pending = this.queue.shift()!
      this.queueBytes -= pending.data.byteLength
      const bytes = Buffer.from(pending.data.buffer, pending.data.byteOffset, pending.data.byteLength)
      const flushed = this.socket.write(bytes, (error) => this.onWritten(pending, error))
      if (!flushed) {
        this.awaitingDrain = true
        this.socket.once('drain', this.onDrain)
      }
    }
    this.endWhenQueueWritten()
  }

  private onWritten(pending: PendingWrite, error: Error | null | undefined): void {
    if (error) {
      pending.reject(toCodedError(error, this.errorContext(), this.hooks.sessionId))
      return
    }
    // Node completes a write cut short by destroy() (reset, error) with no error: those bytes were not sent.
    if (this.socket.destroyed) {
      pending.reject(this.failure?.error ?? this.notSent(pending))
      return
    }
    const byteLength = pending.data.byteLength
    this.hooks.counter.countOut(byteLength)
    this.hooks.emitData('sent', pending.data, this.dataRemote)
    pending.resolve(byteLength)
  }

  private notSent(pending: PendingWrite): CodedError {
    return closedBeforeSent(this.hooks.sessionId, this.remoteText, pending.data.byteLength)
  }

  private get dataRemote(): Endpoint | undefined {
    return this.hooks.remoteOnData ? this.hooks.remote : undefined
  }

  private errorContext(): { host: string; port: number } {
    return { host: this.hooks.remote.address, port: this.hooks.remote.port }
  }

  private readonly onDrain = (): void => {
    this.awaitingDrain = false
    this.pump()
  }

  private readonly onData = (chunk: Buffer): void => {
    this.hooks.receive(chunk, this.dataRemote)
  }

  private readonly onEnd = (): void => {
    this.lastFin = 'peer'
    this.state = 'half-closed'
    this.hooks.emit({ type: 'end' })
    this.hooks.onPeerFin?.()
    if (!this.hooks.halfOpen) void this.close('peer')
  }

  private readonly onFinish = (): void => {
    this.lastFin = 'local'
    if (this.announceHalfClose) this.hooks.emit({ type: 'half-close' })
    for (const waiter of this.finishWaiters.splice(0)) waiter.resolve()
    if (this.requestedCause !== undefined) this.socket.destroy()
  }

  private readonly onError = (thrown: Error): void => {
    const error = toCodedError(thrown, this.errorContext(), this.hooks.sessionId)
    const cause: CloseCause =
      error.code === 'ECONNRESET' ? 'reset' : error.code === 'ETIMEDOUT' ? 'timeout' : 'error'
    this.failure ??= { cause, error }
    this.hooks.emit({ type: 'error', error: error.toInfo() })
  }

  private readonly onGraceOver = (): void => {
    this.socket.destroy()
  }

  private readonly onClose = (): void => {
    clearTimeout(this.graceTimer)
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('finish', this.onFinish)
    this.socket.off('drain', this.onDrain)
    // 'error' stays attached: a late error after close must not become an uncaught exception.
    this.state = 'closed'
    const notSent = this.failure?.error
    this.queueBytes = 0
    for (const pending of this.queue.splice(0)) pending.reject(notSent ?? this.notSent(pending))
    for (const waiter of this.finishWaiters.splice(0)) {
      if (notSent === undefined) waiter.resolve()
      else waiter.reject(notSent)
    }
    const cause = this.failure?.cause ?? this.requestedCause ?? (this.lastFin === 'local' ? 'local' : 'peer')
    this.markClosed()
    this.hooks.onClosed(cause, this.failure?.error)
  }
}
