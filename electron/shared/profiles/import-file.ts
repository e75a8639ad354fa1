import { parseProfilesExport } from './import-parse'
import type { ImportIssue } from './errors'
import { isPacketSenderArray, packetSenderProfiles, readPacketSenderFile } from './packet-sender'
import type { Profile } from './schema'

// "Import profiles" takes whatever the user picked: our export (any version) or a Packet Sender file (its JSON
// export or packets.ini), told apart by content, not by file name. A bare JSON array is our version-0 format
// unless its entries carry Packet Sender's keys.

export type ImportFormat = 'socket-workbench' | 'packet-sender-json' | 'packet-sender-ini'

export interface ImportedFile {
  profiles: Profile[]
  skipped: ImportIssue[]
  format: ImportFormat
}

export function parseImportFile(text: string): ImportedFile {
  const packetSender = readPacketSenderFile(text)
  if (packetSender && (packetSender.format === 'ini' || isPacketSenderArray(packetSender.entries))) {
    const { profiles, skipped, format } = packetSenderProfiles(packetSender)
    return { profiles, skipped, format: `packet-sender-${format}` }
  }
  return { profiles: parseProfilesExport(text), skipped: [], format: 'socket-workbench' }
}
