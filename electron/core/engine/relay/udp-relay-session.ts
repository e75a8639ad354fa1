import { createSocket, type RemoteInfo, type Socket as DgramSocket } from 'node:dgram'
import {
  CodedError,
  OwnErrorCode,
  type ConnectionInfo,
  type ConnectionStats,
  type DisconnectCommand,
  type Endpoint,
  type InjectCommand,
  type RelayFaults,
  type SendReceipt,
  type UdpRelayOptions,
} from '../../../shared'
import { notSupported, unknownConnection, wrongState } from '../engine-errors'
import { familyOfAddress, formatEndpoint, toEndpoint } from '../endpoints'
import { toCodedError } from '../error-messages'
import { resolveHost } from '../resolve-host'
import { SessionBase } from '../session-base'
import { bindDgram } from '../socket-steps'
import { refuseForeignFaults } from './relay-faults'
import { UdpRelayMapping } from './udp-relay-mapping'

const FINISHED_STATS_KEPT = 1_000

/**
 * A UDP proxy: one socket hears every client; each client endpoint gets its own mapping with its own socket
 * to the upstream, so replies go back to the client that caused them. Mappings expire after
 * `idleTimeoutMs` of silence; the mapping's id is the connection id on its events.
 */
export class UdpRelaySession extends SessionBase<UdpRelayOptions> {
  private socket: DgramSocket | undefined
  private upstream: Endpoint | undefined
  private readonly mappings = new Map<string, UdpRelayMapping>()
  private readonly mappingIds = new Map<string, UdpRelayMapping>()
  private readonly finishedStats = new Map<string, ConnectionStats>()
  private mappedCount = 0
  private opening: Promise<void> | undefined
  private closing: Promise<void> | undefined

  open(): Promise<void> {
    this.opening = this.bind()
    return this.opening
  }

  private async bind(): Promise<void> {
    const { options } = this
    const lookup = (host: string) => (resolved: { address: string; family: Endpoint['family'] }) =>
      this.emit({ type: 'lookup', host, ...resolved })
    try {
      const bindAddress =
        options.host === undefined ? undefined : await resolveHost(options.host, 'auto', lookup(options.host))
      const family = bindAddress?.family ?? 'IPv4'
      this.begin('udp', family)
      refuseForeignFaults(this.id, 'datagrams', options.faults)
      this.socket = createSocket(family === 'IPv6' ? 'udp6' : 'udp4')
      await bindDgram(this.socket, { address: bindAddress?.address, port: options.port })
      const upstream = await resolveHost(options.upstreamHost, 'auto', lookup(options.upstreamHost))
      this.upstream = toEndpoint(upstream.address, options.upstreamPort)
    } catch (thrown) {
      this.socket?.close()
      const error = toCodedError(thrown, { host: options.host ?? '0.0.0.0', port: options.port }, this.id)
      this.endWithError(error, 'error')
      throw error
    }
    this.socket.on('message', this.onClientMessage)
    this.socket.on('error', this.onSocketError)
    const address = this.socket.address()
    this.local = toEndpoint(address.address, address.port)
    this.emit({ type: 'bind', local: this.local })
    this.setState('bound')
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    await this.opening?.catch(() => undefined)
    if (!this.isOpen) return
    for (const mapping of [...this.mappings.values()]) mapping.close('local')
    const socket = this.socket!
    await new Promise<void>((resolve) => socket.close(resolve))
    this.endSession('local')
  }

  async send(): Promise<SendReceipt> {
    throw notSupported(this.id, this.options.kind, 'send on its own: inject into a client mapping instead')
  }

  setFaults(faults: RelayFaults): void {
    if (!this.isOpen) throw wrongState(this.id, `cannot change its faults: it is ${this.state}`)
    refuseForeignFaults(this.id, 'datagrams', faults)
    this.replaceOptions({ ...this.options, faults })
    for (const mapping of this.mappings.values()) mapping.setFaults(faults)
  }

  async inject({ connectionId, direction, data }: InjectCommand): Promise<SendReceipt> {
    this.mapping(connectionId).inject(direction, data)
    return { bytes: data.byteLength, targets: 1 }
  }

  /** Forgets a client's mapping (both modes: UDP has no reset). */
  async disconnect(command: DisconnectCommand): Promise<void> {
    const targets =
      command.connectionId === undefined ? [...this.mappings.values()] : [this.mapping(command.connectionId)]
    for (const mapping of targets) mapping.close('local')
  }

  connectionStats(connectionId: string): ConnectionStats | undefined {
    return this.mappingIds.get(connectionId)?.stats() ?? this.finishedStats.get(connectionId)
  }

  protected queuedBytes(): number {
    let held = 0
    for (const mapping of this.mappings.values()) held += mapping.heldBytes()
    return held
  }

  protected openConnections(): number {
    return this.mappings.size
  }

  protected connectionInfos(): ConnectionInfo[] {
    return [...this.mappings.values()].map((mapping) => mapping.info())
  }

  private mapping(connectionId: string): UdpRelayMapping {
    if (!this.isOpen) throw wrongState(this.id, `is ${this.state}`)
    const mapping = this.mappingIds.get(connectionId)
    if (mapping === undefined) throw unknownConnection(this.id, connectionId)
    return mapping
  }

  private readonly onClientMessage = (data: Buffer, rinfo: RemoteInfo): void => {
    const key = formatEndpoint(rinfo.address, rinfo.port)
    const mapping = this.mappings.get(key) ?? this.newMapping(key, rinfo)
    mapping?.fromClient(data)
  }

  private newMapping(key: string, rinfo: RemoteInfo): UdpRelayMapping | undefined {
    if (this.mappings.size >= this.options.maxClients) {
      this.reportError(
        new CodedError(
          OwnErrorCode.limit,
          `dropped a datagram from ${key}: the relay already maps its maximum of ${this.options.maxClients} clients`,
          this.id,
        ),
      )
      return undefined
    }
    this.mappedCount += 1
    const id = `c${this.mappedCount}`
    const client: Endpoint = {
      address: rinfo.address,
      port: rinfo.port,
      family: familyOfAddress(rinfo.address),
    }
    const mapping: UdpRelayMapping = new UdpRelayMapping(id, client, {
      sessionId: this.id,
      faults: this.options.faults,
      idleTimeoutMs: this.options.idleTimeoutMs,
      upstream: this.upstream!,
      sessionCounter: this.counter,
      sendToClient: (bytes, to, done) => this.socket!.send(bytes, to.port, to.address, done),
      emit: (body, leg) => this.emit({ ...body, connectionId: id, leg }),
      emitData: (type, bytes, remote, tags) => this.emitData(type, bytes, remote, id, tags),
      receiver: (counter, tags) =>
        this.receiver(
          counter,
          id,
          (reply) =>
            this.inject({
              sessionId: this.id,
              connectionId: id,
              direction: tags.direction === 'to-upstream' ? 'to-client' : 'to-upstream',
              data: reply,
            }),
          tags,
        ),
      onClosed: () => this.onMappingClosed(key, mapping),
    })
    this.mappings.set(key, mapping)
    this.mappingIds.set(id, mapping)
    this.emit({ type: 'accept', local: this.local!, remote: client, connectionId: id, leg: 'client' })
    void mapping.open()
    return mapping
  }

  private onMappingClosed(key: string, mapping: UdpRelayMapping): void {
    this.mappings.delete(key)
    this.mappingIds.delete(mapping.id)
    this.finishedStats.set(mapping.id, mapping.stats())
    if (this.finishedStats.size > FINISHED_STATS_KEPT) {
      this.finishedStats.delete(this.finishedStats.keys().next().value!)
    }
  }

  private readonly onSocketError = (thrown: Error): void => {
    this.reportError(toCodedError(thrown, { host: this.local?.address, port: this.local?.port }, this.id))
  }
}
