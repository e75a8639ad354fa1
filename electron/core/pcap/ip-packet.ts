import { addWords, checksumOf } from './internet-checksum'
import type { WireAddress, WireFamily } from './ip-address'

// IPv4 / IPv6 headers with a TCP or UDP header after them, checksums filled in. A packet is its headers plus
// the payload it refers to (not copied here: the pcapng block copies it once).

const IP_PROTOCOL = { tcp: 6, udp: 17 } as const

const IPV4_HEADER = 20
const IPV6_HEADER = 40
export const TCP_HEADER = 20
const UDP_HEADER = 8
const DEFAULT_TTL = 64

/** The largest IP packet a 16-bit length field describes; TCP payloads are cut to fit it. */
export const MAX_IP_PACKET = 65_535

export const ipHeaderLength = (family: WireFamily): number => (family === 4 ? IPV4_HEADER : IPV6_HEADER)

export interface Packet {
  family: WireFamily
  headers: Buffer
  payload: Uint8Array
}

export const TcpFlag = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const

export interface TcpFields {
  sourcePort: number
  destinationPort: number
  seq: number
  ack: number
  /** TcpFlag bits. */
  flags: number
  window: number
}

function writeIpHeader(
  headers: Buffer,
  source: WireAddress,
  destination: WireAddress,
  protocol: number,
  transportLength: number,
): void {
  if (source.family === 4) {
    headers[0] = 0x45 // version 4, 5 words
    headers.writeUInt16BE(IPV4_HEADER + transportLength, 2)
    headers.writeUInt16BE(0x4000, 6) // don't fragment
    headers[8] = DEFAULT_TTL
    headers[9] = protocol
    headers.set(source.bytes, 12)
    headers.set(destination.bytes, 16)
    headers.writeUInt16BE(checksumOf(addWords(0, headers.subarray(0, IPV4_HEADER))), 10)
    return
  }
  headers.writeUInt32BE(0x60000000, 0) // version 6, no traffic class or flow label
  headers.writeUInt16BE(transportLength, 4)
  headers[6] = protocol
  headers[7] = DEFAULT_TTL
  headers.set(source.bytes, 8)
  headers.set(destination.bytes, 24)
}

/** The pseudo-header's sum: both addresses, the protocol and the transport length (RFC 793, RFC 8200 §8.1). */
function pseudoHeaderSum(
  source: WireAddress,
  destination: WireAddress,
  protocol: number,
  length: number,
): number {
  const sum = addWords(addWords(0, source.bytes), destination.bytes)
  return sum + protocol + (length % 0x10000) + Math.floor(length / 0x10000)
}

function transportChecksum(
  headers: Buffer,
  ipLength: number,
  source: WireAddress,
  destination: WireAddress,
  protocol: number,
  payload: Uint8Array,
): number {
  const transport = headers.subarray(ipLength)
  const length = transport.length + payload.length
  return checksumOf(
    addWords(addWords(pseudoHeaderSum(source, destination, protocol, length), transport), payload),
  )
}

export function tcpPacket(
  source: WireAddress,
  destination: WireAddress,
  fields: TcpFields,
  payload: Uint8Array,
): Packet {
  const ipLength = ipHeaderLength(source.family)
  const headers = Buffer.alloc(ipLength + TCP_HEADER)
  writeIpHeader(headers, source, destination, IP_PROTOCOL.tcp, TCP_HEADER + payload.length)
  headers.writeUInt16BE(fields.sourcePort, ipLength)
  headers.writeUInt16BE(fields.destinationPort, ipLength + 2)
  headers.writeUInt32BE(fields.seq, ipLength + 4)
  headers.writeUInt32BE(fields.flags & TcpFlag.ack ? fields.ack : 0, ipLength + 8)
  headers[ipLength + 12] = (TCP_HEADER / 4) << 4
  headers[ipLength + 13] = fields.flags
  headers.writeUInt16BE(fields.window, ipLength + 14)
  const checksum = transportChecksum(headers, ipLength, source, destination, IP_PROTOCOL.tcp, payload)
  headers.writeUInt16BE(checksum, ipLength + 16)
  return { family: source.family, headers, payload }
}

export function udpPacket(
  source: WireAddress,
  destination: WireAddress,
  sourcePort: number,
  destinationPort: number,
  payload: Uint8Array,
): Packet {
  const ipLength = ipHeaderLength(source.family)
  const headers = Buffer.alloc(ipLength + UDP_HEADER)
  const udpLength = UDP_HEADER + payload.length
  writeIpHeader(headers, source, destination, IP_PROTOCOL.udp, udpLength)
  headers.writeUInt16BE(sourcePort, ipLength)
  headers.writeUInt16BE(destinationPort, ipLength + 2)
  headers.writeUInt16BE(udpLength, ipLength + 4)
  const checksum = transportChecksum(headers, ipLength, source, destination, IP_PROTOCOL.udp, payload)
  // A computed zero is sent as all ones: zero means "no checksum" in UDP.
  headers.writeUInt16BE(checksum === 0 ? 0xffff : checksum, ipLength + 6)
  return { family: source.family, headers, payload }
}
