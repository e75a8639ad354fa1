import { readFileSync } from 'node:fs'
import type { Endpoint } from '../../shared'

const TABLES = { udp4: '/proc/net/udp', udp6: '/proc/net/udp6' } as const
/**
 * One read of the table serves every session asking within this time: each UDP session asks once a second, so the
 * table is read at most twice a second per family, however many sessions there are.
 */
const FRESH_MS = 500

/** Whether this system says how many datagrams it dropped for a socket (Linux only). */
export const kernelDropsKnown = (): boolean => process.platform === 'linux'

const cache: Record<keyof typeof TABLES, { readAt: number; dropsByPort: Map<number, number> } | undefined> = {
  udp4: undefined,
  udp6: undefined,
}

/** Local port → drops, from the table's `local_address` (hex ADDRESS:PORT) and last (`drops`) columns. */
function readTable(type: keyof typeof TABLES): Map<number, number> {
  const dropsByPort = new Map<number, number>()
  let table: string
  try {
    table = readFileSync(TABLES[type], 'latin1')
  } catch {
    return dropsByPort
  }
  for (const line of table.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/)
    if (columns.length < 13) continue
    const port = parseInt(columns[1]!.split(':')[1] ?? '', 16)
    const drops = Number(columns[columns.length - 1])
    if (Number.isFinite(port) && Number.isFinite(drops) && !dropsByPort.has(port))
      dropsByPort.set(port, drops)
  }
  return dropsByPort
}

/**
 * Datagrams the kernel dropped for this socket because its receive buffer was full: the `drops` column of Linux's
 * /proc/net/udp (the socket found by its local port). null where the system does not say (macOS, Windows).
 */
export function kernelReceiveDrops(local: Endpoint | undefined, type: 'udp4' | 'udp6'): number | null {
  if (local === undefined || !kernelDropsKnown()) return null
  const now = performance.now()
  let entry = cache[type]
  // A socket bound since the last read is not in it yet: read again rather than answer "unknown".
  if (entry === undefined || now - entry.readAt > FRESH_MS || !entry.dropsByPort.has(local.port)) {
    entry = { readAt: now, dropsByPort: readTable(type) }
    cache[type] = entry
  }
  return entry.dropsByPort.get(local.port) ?? null
}
