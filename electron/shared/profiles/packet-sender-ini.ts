import { readIniValue, readQSettingsIni } from './qsettings-ini'

// Packet Sender keeps saved packets in packets.ini (QSettings INI), and File → Export Database writes the same
// file. Its list of packets is the QSettings array `NAMES` (`NAMES/size`, `NAMES/1/name`, …); each packet's
// fields live in the group named after it: name, toIP, port, tcpOrUdp, hexString, requestPath, fromIP,
// fromPort, sendResponse, timestamp, and `repeat` (seconds, a float, so written as `@Variant(…)`).

/** The fields Packet Sender writes per packet, as QSettings spells them. */
const PACKET_FIELDS = ['name', 'toIP', 'port', 'tcpOrUdp', 'hexString', 'requestPath', 'repeat'] as const

/** Packet names in the file's own order: the NAMES array, else every group that has a `tcpOrUdp`. */
function packetNames(values: Map<string, string>): string[] {
  const size = Number(values.get('NAMES/size'))
  if (Number.isInteger(size) && size > 0) {
    return Array.from({ length: size }, (_, index) => values.get(`NAMES/${index + 1}/name`) ?? '')
  }
  return [...values.keys()]
    .filter((key) => key.endsWith('/tcpOrUdp'))
    .map((key) => key.slice(0, -'/tcpOrUdp'.length))
}

/**
 * The packets of a Packet Sender INI export as plain records with Packet Sender's field names (numbers where
 * the file holds numbers), in the file's order, for the same checks as its JSON export.
 */
export function packetSenderIniRecords(text: string): Record<string, unknown>[] {
  const values = readQSettingsIni(text)
  return packetNames(values).map((name) => {
    const record: Record<string, unknown> = {}
    for (const field of PACKET_FIELDS) {
      const raw = values.get(`${name}/${field}`)
      if (raw !== undefined) record[field] = readIniValue(raw)
    }
    // A packet listed in NAMES but without its own group still has the name it is listed under.
    record.name ??= name
    return record
  })
}
