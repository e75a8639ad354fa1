import type { WireAddress } from './ip-address'
import { MAX_IP_PACKET, TCP_HEADER, TcpFlag, ipHeaderLength, tcpPacket, type Packet } from './ip-packet'

// One TCP connection redrawn from socket events: the handshake, data with sequence and acknowledgement numbers
// that advance with the bytes each way, and the FIN or RST at its end. The engine sees bytes, not segments, so
// every segment boundary, acknowledgement and window here is an invention that Wireshark can follow.

/** Which end sent a packet: ours (outbound) or the peer (inbound). */
export type Side = 'local' | 'remote'

export interface FlowEnd {
  address: WireAddress
  port: number
}

export interface FlowPacket {
  from: Side
  packet: Packet
}

/** Initial sequence numbers: fixed, so a conversion is reproducible (Wireshark shows relative numbers anyway). */
const INITIAL_SEQ: Record<Side, number> = { local: 0x1000_0000, remote: 0x2000_0000 }
/** An unscaled window no segment reaches, so no acknowledgement is ever overdue in Wireshark's analysis. */
const WINDOW = 65_535

const EMPTY = new Uint8Array(0)
const other = (side: Side): Side => (side === 'local' ? 'remote' : 'local')
const advance = (seq: number, by: number): number => (seq + by) % 0x1_0000_0000

export class TcpFlow {
  /** The next sequence number each side sends. */
  private readonly next: Record<Side, number> = { ...INITIAL_SEQ }
  private readonly finSent: Record<Side, boolean> = { local: false, remote: false }
  /** Payload bytes per segment: the IP packet stays within its 16-bit length. */
  private readonly maxSegment: number

  constructor(private readonly ends: Record<Side, FlowEnd>) {
    this.maxSegment = MAX_IP_PACKET - ipHeaderLength(ends.local.address.family) - TCP_HEADER
  }

  /** SYN from the side that connected, SYN-ACK back, ACK: `phase` 'syn' is the first packet, 'rest' the others. */
  *handshake(initiator: Side, phase: 'syn' | 'rest' | 'all'): Generator<FlowPacket> {
    const responder = other(initiator)
    if (phase !== 'rest') {
      yield this.segment(initiator, TcpFlag.syn)
      this.next[initiator] = advance(this.next[initiator], 1)
    }
    if (phase === 'syn') return
    yield this.segment(responder, TcpFlag.syn | TcpFlag.ack)
    this.next[responder] = advance(this.next[responder], 1)
    yield this.segment(initiator, TcpFlag.ack)
  }

  /** The bytes in segments of at most `maxSegment`, each acknowledged by the other side. */
  *data(from: Side, bytes: Uint8Array): Generator<FlowPacket> {
    for (let offset = 0; offset < bytes.length; offset += this.maxSegment) {
      const payload = bytes.subarray(offset, offset + this.maxSegment)
      yield this.segment(from, TcpFlag.psh | TcpFlag.ack, payload)
      this.next[from] = advance(this.next[from], payload.length)
      yield this.segment(other(from), TcpFlag.ack)
    }
  }

  /** A side's FIN (once), acknowledged by the other. */
  *fin(from: Side): Generator<FlowPacket> {
    if (this.finSent[from]) return
    this.finSent[from] = true
    yield this.segment(from, TcpFlag.fin | TcpFlag.ack)
    this.next[from] = advance(this.next[from], 1)
    yield this.segment(other(from), TcpFlag.ack)
  }

  *reset(from: Side): Generator<FlowPacket> {
    yield this.segment(from, TcpFlag.rst | TcpFlag.ack)
  }

  private segment(from: Side, flags: number, payload: Uint8Array = EMPTY): FlowPacket {
    const source = this.ends[from]
    const destination = this.ends[other(from)]
    const packet = tcpPacket(
      source.address,
      destination.address,
      {
        sourcePort: source.port,
        destinationPort: destination.port,
        seq: this.next[from],
        ack: this.next[other(from)],
        flags,
        window: WINDOW,
      },
      payload,
    )
    return { from, packet }
  }
}
