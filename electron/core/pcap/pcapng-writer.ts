import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { WireFamily } from './ip-address'
import type { ReconstructedPacket } from './packet-reconstructor'
import {
  Direction,
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  sectionHeaderBlock,
} from './pcapng-blocks'

// Writes blocks to a stream and waits for 'drain' whenever the stream asks to, so memory holds at most the
// stream's buffer and one block, however long the capture.

/** Larger than any packet we make (a full UDP datagram over IPv6 is 65,575 bytes). */
const SNAP_LENGTH = 262_144

const FAMILY_NAME: Record<WireFamily, string> = { 4: 'IPv4', 6: 'IPv6' }

export class PcapngWriter {
  /** Interface ids by address family, in the order their first packet came (LINKTYPE_RAW carries both). */
  private readonly interfaces = new Map<WireFamily, number>()
  packets = 0
  bytes = 0
  /** The stream's first error; held so a failure between waits is not an uncaught 'error' event. */
  private failure: Error | undefined

  constructor(private readonly stream: Writable) {
    stream.on('error', (error) => (this.failure ??= error))
  }

  async writeSection(comment: string): Promise<void> {
    await this.write(sectionHeaderBlock(comment, 'Socket Workbench'))
  }

  async writePacket({ time, side, packet, comment }: ReconstructedPacket): Promise<void> {
    const interfaceId = await this.interfaceFor(packet.family)
    await this.write(
      enhancedPacketBlock({
        interfaceId,
        timestamp: Math.round(time * 1000),
        data: [packet.headers, packet.payload],
        direction: side === 'local' ? Direction.outbound : Direction.inbound,
        comment,
      }),
    )
    this.packets++
  }

  get failed(): boolean {
    return this.failure !== undefined
  }

  /** Ends the stream and resolves once every byte is handed to the file. */
  async end(): Promise<void> {
    this.stream.end()
    await finished(this.stream)
  }

  private async interfaceFor(family: WireFamily): Promise<number> {
    const known = this.interfaces.get(family)
    if (known !== undefined) return known
    const id = this.interfaces.size
    this.interfaces.set(family, id)
    const name = FAMILY_NAME[family]
    await this.write(
      interfaceDescriptionBlock({
        name: `socket-workbench-${name.toLowerCase()}`,
        description: `${name} packets reconstructed from socket events`,
        comment: `Reconstructed by Socket Workbench: not a network interface; the ${name} packets on it were rebuilt from a capture of socket events.`,
        snapLength: SNAP_LENGTH,
      }),
    )
    return id
  }

  private async write(block: Buffer): Promise<void> {
    if (this.failure !== undefined) throw this.failure
    this.bytes += block.length
    // once() rejects when the stream fails while we wait, so a disk error ends the conversion.
    if (!this.stream.write(block)) await once(this.stream, 'drain')
  }
}
