// pcapng blocks (draft-ietf-opsawg-pcapng), written little-endian: the Section Header Block says so with its
// byte-order magic, and readers swap when they need to. Every block is type, total length, body padded to 32
// bits, options, total length again.

const BlockType = { section: 0x0a0d0d0a, interface: 0x00000001, enhancedPacket: 0x00000006 } as const
const BYTE_ORDER_MAGIC = 0x1a2b3c4d

const Option = {
  end: 0,
  comment: 1,
  shbUserApplication: 4,
  ifName: 2,
  ifDescription: 3,
  ifTimestampResolution: 9,
  epbFlags: 2,
} as const

/** LINKTYPE_RAW: each packet starts with its IPv4 or IPv6 header, no link layer. */
const LINKTYPE_RAW = 101
/** if_tsresol: timestamps count microseconds (10^-6 s). */
const MICROSECONDS = 6

/** epb_flags bits 0–1: the direction of the packet. */
export const Direction = { inbound: 0b01, outbound: 0b10 } as const

interface BlockOption {
  code: number
  value: Uint8Array
}

const padded = (length: number): number => (length + 3) & ~3
const text = (code: number, value: string): BlockOption => ({ code, value: Buffer.from(value, 'utf8') })

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32LE(value)
  return bytes
}

function encodeBlock(type: number, fields: readonly Uint8Array[], options: readonly BlockOption[]): Buffer {
  const fieldsLength = fields.reduce((sum, field) => sum + field.length, 0)
  const optionsLength = options.reduce((sum, option) => sum + 4 + padded(option.value.length), 4)
  const total = 8 + padded(fieldsLength) + optionsLength + 4
  const block = Buffer.alloc(total) // zero-filled: padding and opt_endofopt are already there
  block.writeUInt32LE(type, 0)
  block.writeUInt32LE(total, 4)
  let offset = 8
  for (const field of fields) {
    block.set(field, offset)
    offset += field.length
  }
  offset = 8 + padded(fieldsLength)
  for (const { code, value } of options) {
    block.writeUInt16LE(code, offset)
    block.writeUInt16LE(value.length, offset + 2)
    block.set(value, offset + 4)
    offset += 4 + padded(value.length)
  }
  block.writeUInt32LE(total, total - 4)
  return block
}

export function sectionHeaderBlock(comment: string, application: string): Buffer {
  const fixed = Buffer.alloc(16)
  fixed.writeUInt32LE(BYTE_ORDER_MAGIC, 0)
  fixed.writeUInt16LE(1, 4) // version 1.0
  fixed.writeUInt16LE(0, 6)
  fixed.writeBigInt64LE(-1n, 8) // section length not given: the file is written as a stream
  return encodeBlock(
    BlockType.section,
    [fixed],
    [text(Option.comment, comment), text(Option.shbUserApplication, application)],
  )
}

export interface InterfaceDescription {
  name: string
  description: string
  comment: string
  /** Largest packet stored whole; 0 would mean "no limit", which not every reader takes. */
  snapLength: number
}

export function interfaceDescriptionBlock({
  name,
  description,
  comment,
  snapLength,
}: InterfaceDescription): Buffer {
  const fixed = Buffer.alloc(8)
  fixed.writeUInt16LE(LINKTYPE_RAW, 0)
  fixed.writeUInt32LE(snapLength, 4)
  return encodeBlock(
    BlockType.interface,
    [fixed],
    [
      text(Option.ifName, name),
      text(Option.ifDescription, description),
      { code: Option.ifTimestampResolution, value: Uint8Array.of(MICROSECONDS) },
      text(Option.comment, comment),
    ],
  )
}

export interface EnhancedPacket {
  interfaceId: number
  /** Microseconds since the epoch (see MICROSECONDS). */
  timestamp: number
  /** The packet, in pieces (headers, payload) copied once into the block. */
  data: readonly Uint8Array[]
  direction: number
  comment: string
}

export function enhancedPacketBlock({
  interfaceId,
  timestamp,
  data,
  direction,
  comment,
}: EnhancedPacket): Buffer {
  const length = data.reduce((sum, piece) => sum + piece.length, 0)
  const fixed = Buffer.alloc(20)
  fixed.writeUInt32LE(interfaceId, 0)
  fixed.writeUInt32LE(Math.floor(timestamp / 0x1_0000_0000), 4)
  fixed.writeUInt32LE(timestamp % 0x1_0000_0000, 8)
  fixed.writeUInt32LE(length, 12) // captured length
  fixed.writeUInt32LE(length, 16) // original length: nothing is cut
  return encodeBlock(
    BlockType.enhancedPacket,
    [fixed, ...data],
    [{ code: Option.epbFlags, value: uint32(direction) }, text(Option.comment, comment)],
  )
}
