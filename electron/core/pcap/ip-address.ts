import { CodedError } from '../../shared'
import { CaptureErrorCode } from '../capture'

// Addresses as the engine reports them (strings, maybe IPv4-mapped, maybe with a zone) turned into what a packet
// on the wire carries: 4 or 16 bytes of one family.

export type WireFamily = 4 | 6

export interface WireAddress {
  family: WireFamily
  bytes: Uint8Array
}

const MAPPED_PREFIX = '::ffff:'

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return undefined
  }
  return Uint8Array.from(parts, Number)
}

/** Eight 16-bit groups; `::` stands for the zeros left out, and the last 32 bits may be written as IPv4. */
function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return []
    const groups: number[] = []
    const pieces = half.split(':')
    for (const [index, piece] of pieces.entries()) {
      const ipv4 = index === pieces.length - 1 && piece.includes('.') ? parseIpv4(piece) : undefined
      if (ipv4 !== undefined) groups.push((ipv4[0]! << 8) | ipv4[1]!, (ipv4[2]! << 8) | ipv4[3]!)
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) groups.push(parseInt(piece, 16))
      else return undefined
    }
    return groups
  }
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail]
  const bytes = new Uint8Array(16)
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8
    bytes[index * 2 + 1] = group & 0xff
  })
  return bytes
}

/**
 * The address a packet carries. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, what a dual-stack socket
 * reports for an IPv4 peer) was IPv4 on the wire, so it becomes IPv4; a zone (`%eth0`) is not on the wire.
 */
export function wireAddress(text: string): WireAddress {
  const plain = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const mapped = plain.toLowerCase().startsWith(MAPPED_PREFIX)
    ? parseIpv4(plain.slice(MAPPED_PREFIX.length))
    : undefined
  const ipv4 = mapped ?? parseIpv4(plain)
  if (ipv4 !== undefined) return { family: 4, bytes: ipv4 }
  const ipv6 = parseIpv6(plain)
  if (ipv6 !== undefined) return { family: 6, bytes: ipv6 }
  throw new CodedError(
    CaptureErrorCode.format,
    `The capture names "${text}", which is not an IPv4 or IPv6 address.`,
  )
}

const isUnspecified = (address: WireAddress): boolean => address.bytes.every((byte) => byte === 0)

const isLoopback = (address: WireAddress): boolean =>
  address.family === 4
    ? address.bytes[0] === 127
    : address.bytes.subarray(0, 15).every((byte) => byte === 0) && address.bytes[15] === 1

const loopbackOf = (family: WireFamily): WireAddress =>
  family === 4
    ? { family, bytes: Uint8Array.of(127, 0, 0, 1) }
    : { family, bytes: Uint8Array.from({ length: 16 }, (_value, index) => (index === 15 ? 1 : 0)) }

const unspecifiedOf = (family: WireFamily): WireAddress => ({
  family,
  bytes: new Uint8Array(family === 4 ? 4 : 16),
})

/**
 * Our side's address in a packet to or from `peer`. A socket bound to the wildcard (0.0.0.0, ::) does not say
 * which address the kernel used: towards a loopback peer it is the loopback of that family, otherwise it stays
 * the unspecified address (honestly unknown). A local address of the other family (a dual-stack socket) too.
 */
export function localAddressFor(local: string | undefined, peer: WireAddress): WireAddress {
  const known = local === undefined ? undefined : wireAddress(local)
  if (known !== undefined && known.family === peer.family && !isUnspecified(known)) return known
  return isLoopback(peer) ? loopbackOf(peer.family) : unspecifiedOf(peer.family)
}
