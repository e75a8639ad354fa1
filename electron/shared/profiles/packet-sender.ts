import type { OpenSessionRequest } from '../schemas'
import { openSessionRequestSchema } from '../schemas'
import { ImportError, importIssue, type ImportIssue } from './errors'
import { ImportReasonCode, type ImportReason } from './import-reasons'
import { ProfileLimits, RepeatLimits } from './limits'
import { packetSenderIniRecords } from './packet-sender-ini'
import { looksLikeIni } from './qsettings-ini'
import {
  profileNameSchema,
  profileSchema,
  type Profile,
  type RepeatSetting,
  type SavedMessage,
} from './schema'
import { zodReason } from './zod-reason'

// Packet Sender (packetsender.com) saves packets in two formats, both read here:
// - its JSON export: an array whose writer lower-cases the keys and writes numbers as strings: { name,
//   hexstring, fromip, toip, port, fromport, tcporudp, sendresponse, requestpath, repeat, errorstring,
//   asciistring (base64 of its escaped ASCII view) }. Older or hand-made files use camelCase (toIP,
//   hexString) or toPort, so keys are matched case-insensitively;
// - File → Export Database: packets.ini, QSettings INI (see packet-sender-ini.ts).
// Each distinct (protocol, host, port) becomes one profile whose saved messages are its packets; a packet's
// `repeat` (seconds, 0 = send once) becomes the message's Repeat setting.

export type PacketSenderFormat = 'json' | 'ini'

export interface PacketSenderFile {
  entries: unknown[]
  format: PacketSenderFormat
}

export interface PacketSenderImport {
  profiles: Profile[]
  /** Packets of a protocol we do not speak (SSL, HTTP, DTLS): left out, and said so. */
  skipped: ImportIssue[]
  format: PacketSenderFormat
}

interface Packet {
  entry: number
  name: string
  /** "TCP host:port" or "UDP host:port": what packets are grouped by, and a group's profile name. */
  endpoint: string
  connection: OpenSessionRequest
  message: SavedMessage
}

type Outcome = { packet: Packet } | { issue: ImportIssue; skip: boolean }

function lowerKeys(entry: object): Map<string, unknown> {
  return new Map(Object.entries(entry).map(([key, value]) => [key.toLowerCase(), value]))
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

/** Packet Sender's lenient hex ("48 65 6C", "0x48 0x65", "48656C") as our lower-case spaced byte pairs. */
function normaliseHex(hex: string): string | undefined {
  let tokens = hex
    .replace(/0x/gi, ' ')
    .split(/[\s,:]+/)
    .filter((token) => token !== '')
  if (tokens.length === 1 && tokens[0]!.length > 2) {
    const stream = tokens[0]!.length % 2 === 0 ? tokens[0]! : `0${tokens[0]!}`
    tokens = stream.match(/.{2}/g) ?? []
  }
  if (!tokens.every((token) => /^[0-9a-f]{1,2}$/i.test(token))) return undefined
  return tokens.map((token) => token.padStart(2, '0').toLowerCase()).join(' ')
}

/** Packet Sender's ASCII view escapes bytes as `\HH`; ours spells that `\xHH` (\n \r \t \\ are the same). */
function asciiViewToText(base64: string): string | undefined {
  try {
    return atob(base64).replace(/\\(\\|[0-9a-fA-F]{2})/g, (_match, escaped: string) =>
      escaped === '\\' ? '\\\\' : `\\x${escaped.toLowerCase()}`,
    )
  } catch {
    return undefined
  }
}

/** Each read below answers its value or why it could not; no value it answers has a `code` and `params`. */
const isReason = (value: object): value is ImportReason => 'code' in value && 'params' in value

function readPayload(
  fields: Map<string, unknown>,
): Pick<SavedMessage, 'payload' | 'encoding'> | ImportReason {
  const hex = text(fields.get('hexstring'))
  if (hex !== '') {
    const payload = normaliseHex(hex)
    return payload === undefined
      ? { code: ImportReasonCode.badHex, params: {} }
      : { payload, encoding: 'hex' }
  }
  const ascii = text(fields.get('asciistring'))
  if (ascii === '') return { payload: '', encoding: 'text' }
  const payload = asciiViewToText(ascii)
  return payload === undefined
    ? { code: ImportReasonCode.badBase64, params: {} }
    : { payload, encoding: 'text' }
}

/** Packet Sender's `repeat` (seconds, 0 or empty: send once) as our Repeat setting, or why not. */
function readRepeat(value: unknown): RepeatSetting | undefined | ImportReason {
  const seconds = Number(text(value) || '0')
  if (seconds === 0) return undefined
  const everyMs = Math.round(seconds * 1000)
  if (!Number.isFinite(seconds) || everyMs < RepeatLimits.minEveryMs || everyMs > RepeatLimits.maxEveryMs) {
    const [min, max] = [RepeatLimits.minEveryMs / 1000, RepeatLimits.maxEveryMs / 1000]
    return { code: ImportReasonCode.repeatOutOfRange, params: { value: text(value), min, max } }
  }
  // Packet Sender repeats until the user stops it.
  return { everyMs, times: 0 }
}

function readConnection(
  protocol: 'tcp' | 'udp',
  host: string,
  port: number,
): OpenSessionRequest | ImportReason {
  const candidate: OpenSessionRequest =
    protocol === 'tcp'
      ? { kind: 'tcp-client', host, port }
      : {
          kind: 'udp',
          remoteHost: host,
          remotePort: port,
          // An IPv6 destination needs an IPv6 socket; ours is IPv4 unless told otherwise.
          ...(host.includes(':') ? { type: 'udp6' as const } : {}),
          // Packet Sender's Wake-on-LAN packets go to the broadcast address, which a socket must opt in to.
          ...(host === '255.255.255.255' ? { broadcast: true } : {}),
        }
  const parsed = openSessionRequestSchema.safeParse(candidate, { reportInput: true })
  return parsed.success ? candidate : zodReason(parsed.error)
}

function readPacket(raw: unknown, entry: number): Outcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { issue: importIssue(entry, { code: ImportReasonCode.notPacket, params: {} }), skip: false }
  }
  const fields = lowerKeys(raw)
  const name = profileNameSchema.safeParse(text(fields.get('name')), { reportInput: true })
  if (!name.success) return { issue: importIssue(entry, zodReason(name.error, 'name')), skip: false }
  const fail = (reason: ImportReason, skip = false): Outcome => ({
    issue: importIssue(entry, reason, name.data),
    skip,
  })
  const protocol = text(fields.get('tcporudp')).toLowerCase()
  if (/ssl|http|dtls/.test(protocol))
    return fail(
      { code: ImportReasonCode.protocolUnsupported, params: { protocol: protocol.toUpperCase() } },
      true,
    )
  if (protocol !== 'tcp' && protocol !== 'udp')
    return fail({ code: ImportReasonCode.protocolUnknown, params: { protocol } })
  const host = text(fields.get('toip'))
  const port = Number(text(fields.get('port') ?? fields.get('toport')))
  const connection = readConnection(protocol, host, port)
  if (isReason(connection)) return fail(connection)
  const payload = readPayload(fields)
  if (isReason(payload)) return fail(payload)
  const repeat = readRepeat(fields.get('repeat'))
  if (repeat !== undefined && isReason(repeat)) return fail(repeat)
  const endpoint = `${protocol.toUpperCase()} ${host}:${port}`
  const message: SavedMessage = {
    name: name.data,
    ...payload,
    lineEnding: 'none',
    ...(repeat ? { repeat } : {}),
  }
  return { packet: { entry, name: name.data, endpoint, connection, message } }
}

/** One profile per endpoint; a lone packet keeps its own name, a group is named after the endpoint. */
function groupIntoProfiles(packets: Packet[], issues: ImportIssue[]): Profile[] {
  const groups = new Map<string, Packet[]>()
  for (const packet of packets) {
    const group = groups.get(packet.endpoint)
    if (group) group.push(packet)
    else groups.set(packet.endpoint, [packet])
  }
  return [...groups].flatMap(([endpoint, group]) => {
    const overflow = group[ProfileLimits.maxMessagesPerProfile]
    if (overflow) {
      const max = ProfileLimits.maxMessagesPerProfile
      const reason = { code: ImportReasonCode.tooManyPackets, params: { max, endpoint } }
      issues.push(importIssue(overflow.entry, reason, overflow.name))
      return []
    }
    const profile = profileSchema.parse({
      name: group.length === 1 ? group[0]!.name : endpoint,
      connection: group[0]!.connection,
      messages: group.map((packet) => packet.message),
    })
    return [profile]
  })
}

/** The packets of a Packet Sender file and its format, or undefined when it is not one. */
export function readPacketSenderFile(text: string): PacketSenderFile | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // Not JSON: perhaps packets.ini (a one-line JSON array would also look like an INI section).
    if (!looksLikeIni(text)) return undefined
    const entries = packetSenderIniRecords(text)
    return entries.length > 0 ? { entries, format: 'ini' } : undefined
  }
  return Array.isArray(json) ? { entries: json, format: 'json' } : undefined
}

/** Whether a parsed JSON array holds Packet Sender packets rather than our version-0 profiles. */
export function isPacketSenderArray(entries: unknown[]): boolean {
  return entries.some((entry) => {
    if (entry === null || typeof entry !== 'object') return false
    const keys = Object.keys(entry).map((key) => key.toLowerCase())
    return keys.includes('tcporudp') || keys.includes('hexstring') || keys.includes('toip')
  })
}

export function parsePacketSenderExport(text: string): PacketSenderImport {
  const file = readPacketSenderFile(text)
  if (!file) {
    throw new ImportError([importIssue(null, { code: ImportReasonCode.notPacketSender, params: {} })])
  }
  return packetSenderProfiles(file)
}

/** The profiles of a file readPacketSenderFile recognised; any bad packet refuses the whole file. */
export function packetSenderProfiles(file: PacketSenderFile): PacketSenderImport {
  const raw = file.entries
  const packets: Packet[] = []
  const issues: ImportIssue[] = []
  const skipped: ImportIssue[] = []
  raw.forEach((entry: unknown, index) => {
    const outcome = readPacket(entry, index + 1)
    if ('packet' in outcome) packets.push(outcome.packet)
    else (outcome.skip ? skipped : issues).push(outcome.issue)
  })
  const profiles = groupIntoProfiles(packets, issues)
  if (issues.length > 0) throw new ImportError(issues)
  if (profiles.length === 0)
    throw new ImportError([importIssue(null, { code: ImportReasonCode.noPackets, params: {} }), ...skipped])
  if (profiles.length > ProfileLimits.maxProfiles) {
    const reason = { code: ImportReasonCode.tooManyEndpoints, params: { max: ProfileLimits.maxProfiles } }
    throw new ImportError([importIssue(null, reason)])
  }
  return { profiles, skipped, format: file.format }
}
