import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import {
  Limits,
  type Endpoint,
  type MembershipCommand,
  type SendCommand,
  type ReceiveBufferInfo,
  type SendReceipt,
  type SessionStats,
  type UdpOptions,
} from '../../shared'
import { alreadyConnected, datagramTooLarge, noDestination, notSupported, wrongState } from './engine-errors'
import { formatEndpoint, toEndpoint, unbracket, type IpFamily } from './endpoints'
import { toCodedError, type ErrorContext } from './error-messages'
import type { GeneratorLink } from '../generator/generator-link'
import { ReceiveMeter } from '../generator/receive-meter'
import { kernelDropsKnown, kernelReceiveDrops } from './udp-drops'
import { eventTime } from './event-sequencer'
import { resolveHost, type ResolvedHost } from './resolve-host'
import { SessionBase } from './session-base'
import { bindDgram, connectDgram } from './socket-steps'

type UdpType = 'udp4' | 'udp6'

const maxPayload: Record<UdpType, number> = { udp4: Limits.maxUdp4Payload, udp6: Limits.maxUdp6Payload }
const socketFamily: Record<UdpType, IpFamily> = { udp4: 'IPv4', udp6: 'IPv6' }
const wildcard: Record<UdpType, string> = { udp4: '0.0.0.0', udp6: '::' }
/** How often a bound socket's kernel drop count is read (the figures' once-a-second tick). */
const DROPS_TICK_MS = 1_000

/** The declared type, else the family of the bind address (or of the default remote): ':' means IPv6. */
export function inferUdpType({ type, host, remoteHost }: UdpOptions): UdpType {
  if (type !== undefined) return type
  const hint = host ?? remoteHost
  return hint !== undefined && unbracket(hint).includes(':') ? 'udp6' : 'udp4'
}

/** socket() → bind() → sendto()/recvfrom() → close(); connect() only when a default remote is given. */
export class UdpSession extends SessionBase<UdpOptions> {
  private readonly type: UdpType = inferUdpType(this.options)
  private readonly socket: Socket = createSocket({ type: this.type, reuseAddr: this.options.reuseAddr })
  private connected = false
  private lastSender: Endpoint | undefined
  /** The receive buffer as the kernel set it and its drops at the last tick; kept after the socket closed. */
  private buffer: ReceiveBufferInfo | undefined
  private dropsTimer: ReturnType<typeof setInterval> | undefined
  private opening: Promise<void> | undefined
  /** Counts loss from the sequence numbers of measured messages another generator sends here. */
  private readonly probes = new ReceiveMeter((report) => this.emit({ type: 'generator', report }))
  /** Answers go back to the datagram's sender (a connected socket can only answer its one peer). */
  private readonly inbound = this.receiver(this.counter, undefined, (data, remote) =>
    this.send(
      this.connected || remote === undefined
        ? { sessionId: this.id, data }
        : { sessionId: this.id, data, remoteHost: remote.address, remotePort: remote.port },
    ),
  )

  /** Opening again means the same address: a port the system picked (0) is kept as the one it picked. */
  reopenOptions(): UdpOptions {
    const { options, local } = this
    return options.port === 0 && local !== undefined ? { ...options, port: local.port } : options
  }

  open(): Promise<void> {
    this.opening = this.bind()
    return this.opening
  }

  private async bind(): Promise<void> {
    const { options, socket } = this
    socket.on('message', this.onMessage)
    socket.on('error', this.onError)
    this.begin('udp', socketFamily[this.type])
    try {
      const address = options.host === undefined ? undefined : (await this.resolve(options.host)).address
      await bindDgram(socket, { address, port: options.port })
      const bound = socket.address()
      this.local = toEndpoint(bound.address, bound.port)
      this.emit({ type: 'bind', local: this.local })
      this.applySocketOptions()
      for (const { group, iface } of options.multicastGroups) this.changeMembership('join', group, iface)
      if (options.connectToRemote && options.remoteHost !== undefined && options.remotePort !== undefined) {
        await this.connectDefaultRemote(options.remoteHost, options.remotePort)
      }
    } catch (thrown) {
      const error = toCodedError(
        thrown,
        { host: options.host ?? wildcard[this.type], port: options.port },
        this.id,
      )
      socket.close()
      this.endWithError(error, 'error')
      throw error
    }
    this.setState('bound')
    this.watchDrops()
  }

  /** Reads the receive buffer's size once and, where the kernel says, its drops once a second while bound. */
  private watchDrops(): void {
    try {
      this.buffer = {
        bytes: this.socket.getRecvBufferSize(),
        drops: kernelReceiveDrops(this.local, this.type),
      }
    } catch {
      return
    }
    if (!kernelDropsKnown()) return
    this.dropsTimer = setInterval(this.readDrops, DROPS_TICK_MS)
    // The tick alone must not keep a CLI (or a test) alive.
    this.dropsTimer.unref()
  }

  /** The kernel's count for this socket; more than last time is a 'receive-drops' event (the log and the CLI show it). */
  private readonly readDrops = (): void => {
    const buffer = this.buffer
    const drops = kernelReceiveDrops(this.local, this.type)
    if (buffer === undefined || drops === null) return
    const before = buffer.drops ?? 0
    this.buffer = { bytes: buffer.bytes, drops }
    if (drops > before) this.emit({ type: 'receive-drops', count: drops - before, total: drops })
  }

  private applySocketOptions(): void {
    const { options, socket } = this
    if (options.broadcast) socket.setBroadcast(true)
    if (options.ttl !== undefined) socket.setTTL(options.ttl)
    if (options.multicastTtl !== undefined) socket.setMulticastTTL(options.multicastTtl)
    if (options.multicastLoopback !== undefined) socket.setMulticastLoopback(options.multicastLoopback)
    if (options.recvBufferSize !== undefined) socket.setRecvBufferSize(options.recvBufferSize)
  }

  private async connectDefaultRemote(host: string, port: number): Promise<void> {
    const { address } = await this.resolve(host)
    const remote = toEndpoint(address, port)
    this.remote = remote
    this.emit({ type: 'connect', remote })
    const startedAt = eventTime()
    await connectDgram(this.socket, port, address)
    const local = this.socket.address()
    this.local = toEndpoint(local.address, local.port)
    this.connected = true
    this.emit({ type: 'connected', local: this.local, remote, latencyMs: eventTime() - startedAt })
  }

  /** Names resolve in the socket's own family; each real lookup is an event. */
  private resolve(host: string): Promise<ResolvedHost> {
    return resolveHost(host, socketFamily[this.type], ({ address, family }) =>
      this.emit({ type: 'lookup', host, address, family }),
    )
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined)
    if (!this.isOpen) return
    // The last drops, read before the socket (and its row in the kernel's table) is gone.
    clearInterval(this.dropsTimer)
    this.readDrops()
    this.probes.stop()
    await new Promise<void>((resolve) => this.socket.close(resolve))
    this.inbound.end()
    this.endSession('local')
  }

  async send(command: SendCommand): Promise<SendReceipt> {
    if (command.connectionId !== undefined) throw notSupported(this.id, 'udp', 'send to a connection')
    if (this.state !== 'bound') throw wrongState(this.id, `cannot send: it is ${this.state}`)
    const { data } = command
    const limit = maxPayload[this.type]
    if (data.byteLength > limit) throw datagramTooLarge(this.id, data.byteLength, limit, this.type)
    const remote = await this.destination(command)
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    await new Promise<void>((resolve, reject) => {
      const onSent = (error: Error | null): void => {
        if (error === null) return resolve()
        const coded = toCodedError(error, { host: remote.address, port: remote.port }, this.id)
        this.reportError(coded)
        reject(coded)
      }
      if (this.connected) this.socket.send(bytes, onSent)
      else this.socket.send(bytes, remote.port, remote.address, onSent)
    })
    this.counter.countOut(data.byteLength)
    this.emitData('sent', data, remote)
    return { bytes: data.byteLength, targets: 1 }
  }

  /** The connected remote, or the datagram's own destination filled in from the session's defaults. */
  private async destination(command: SendCommand): Promise<ReturnType<typeof toEndpoint>> {
    const { options } = this
    if (this.connected) {
      const remote = this.remote!
      const asksElsewhere =
        (command.remoteHost !== undefined && command.remoteHost !== options.remoteHost) ||
        (command.remotePort !== undefined && command.remotePort !== remote.port)
      if (asksElsewhere) throw alreadyConnected(this.id, formatEndpoint(remote.address, remote.port))
      return remote
    }
    const host = command.remoteHost ?? options.remoteHost
    const port = command.remotePort ?? options.remotePort
    if (host === undefined || port === undefined) throw noDestination(this.id)
    try {
      return toEndpoint((await this.resolve(host)).address, port)
    } catch (thrown) {
      throw toCodedError(thrown, { host, port }, this.id)
    }
  }

  /**
   * The generator sends on this socket to its one peer (connected) or the default destination, resolved once. Each
   * datagram is a 'sent' row like any send (and so recorded by a capture); under a flood the batcher shows a sample
   * of them and counts the rest, as it does for what arrives.
   */
  protected async generatorLink(): Promise<GeneratorLink> {
    if (this.state !== 'bound') throw wrongState(this.id, `cannot start a generator: it is ${this.state}`)
    const remote = await this.destination({ sessionId: this.id, data: new Uint8Array(0) })
    const { socket, counter } = this
    const context = { host: remote.address, port: remote.port }
    return {
      datagrams: true,
      maxMessageBytes: maxPayload[this.type],
      write: (data, done) => {
        const onSent = (error: Error | null): void => {
          if (error !== null) return done(toCodedError(error, context, this.id))
          counter.countOut(data.byteLength)
          this.emitData('sent', data, remote)
          done(undefined)
        }
        if (this.state !== 'bound') return done(wrongState(this.id, 'is closed'))
        if (this.connected) socket.send(data, onSent)
        else socket.send(data, remote.port, remote.address, onSent)
      },
      attach: (listener) => this.listenForGenerator(listener),
    }
  }

  /** With the receive buffer as the kernel set it (Linux doubles what was asked) and its drops at the last tick. */
  stats(): SessionStats {
    const stats = super.stats()
    if (this.buffer !== undefined) stats.receiveBuffer = this.buffer
    return stats
  }

  membership({ action, group, iface }: MembershipCommand): void {
    if (this.state !== 'bound')
      throw wrongState(this.id, `cannot ${action} a multicast group: it is ${this.state}`)
    this.changeMembership(action, group, iface)
  }

  private changeMembership(action: 'join' | 'leave', group: string, iface: string | undefined): void {
    const context: ErrorContext = { host: group }
    try {
      if (action === 'join') this.socket.addMembership(group, iface)
      else this.socket.dropMembership(group, iface)
    } catch (thrown) {
      throw toCodedError(thrown, context, this.id)
    }
    this.emit(
      iface === undefined
        ? { type: 'membership', action, group }
        : { type: 'membership', action, group, iface },
    )
  }

  protected queuedBytes(): number {
    return this.state === 'bound' ? this.socket.getSendQueueSize() : 0
  }

  private readonly onMessage = (message: Buffer, sender: RemoteInfo): void => {
    // Our own generator reads its echoes itself; otherwise measured messages count toward the receiver's figures.
    if (this.linkListener === undefined) this.probes.receive(message)
    this.inbound.receive(message, this.senderOf(sender))
  }

  /** The sender as an endpoint; a flood comes from one sender, so its endpoint is made once and shared. */
  private senderOf({ address, port, family }: RemoteInfo): Endpoint {
    const last = this.lastSender
    if (last !== undefined && last.port === port && last.address === address) return last
    this.lastSender = { address, port, family: family === 'IPv6' ? 'IPv6' : 'IPv4' }
    return this.lastSender
  }

  /** Errors while opening belong to the step that caused them; afterwards they are logged and the socket stays. */
  private readonly onError = (thrown: Error): void => {
    if (this.state !== 'bound') return
    const error = toCodedError(thrown, { host: this.remote?.address, port: this.remote?.port }, this.id)
    // A vanished peer answers each datagram of a generator with ECONNREFUSED: counted in its figures, not a row each.
    if (this.linkListener !== undefined) this.linkListener.error(error)
    else this.reportError(error)
  }
}
