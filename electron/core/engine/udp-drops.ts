import { readFileSync } from 'node:fs'
import type { Endpoint } from '../../shared'

const TABLES = { udp4: '/proc/net/udp', udp6: '/proc/net/udp6' } as const

/**
 * Datagrams the kernel dropped for this socket because its receive buffer was full: the `drops` column of Linux's
 * /proc/net/udp (the socket found by its local port). null where the system does not say (macOS, Windows).
 */
export function kernelReceiveDrops(local: Endpoint | undefined, type: 'udp4' | 'udp6'): number | null {
  if (local === undefined || process.platform !== 'linux') return null
  let table: string
  try {
    table = readFileSync(TABLES[type], 'latin1')
  } catch {
    return null
  }
  const port = `:${local.port.toString(16).toUpperCase().padStart(4, '0')}`
  for (const line of table.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/)
    if (columns.length < 13 || !columns[1]!.endsWith(port)) continue
    const drops = Number(columns[columns.length - 1])
    return Number.isFinite(drops) ? drops : null
  }
  return null
}
