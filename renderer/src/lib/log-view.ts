import { formatHex, formatHexDump, formatText } from '../../../electron/shared/codec'
import {
  matchesDirection,
  rowData,
  type DirectionFilter,
  type LogRow,
} from '../../../electron/shared/view/log-rows'

/** Bytes of a payload shown inline in a row; the rest is counted ("… 1,024 more bytes"). */
export const PREVIEW_BYTES = 256
/** Bytes shown in an expanded hex dump. */
export const DUMP_BYTES = 64 * 1024

export interface LogFilter {
  text: string
  direction: DirectionFilter
  /** "" for every peer. */
  peer: string
  /** A framed session's raw chunks ('received' rows) are left out unless asked for: its frames are the messages. */
  hideRawChunks: boolean
}

export const isFiltering = (filter: LogFilter): boolean =>
  filter.text.trim() !== '' || filter.direction !== 'all' || filter.peer !== '' || filter.hideRawChunks

// Search text per row, computed once: rows are immutable.
const searchTexts = new WeakMap<LogRow, string>()

function searchText(row: LogRow): string {
  let text = searchTexts.get(row)
  if (text === undefined) {
    const data = rowData(row)
    const event = row.event
    const error = event.type === 'error' ? `${event.error.code} ${event.error.message}` : ''
    const payload = data ? formatText(data.subarray(0, DUMP_BYTES)) : ''
    text = `${event.type} ${row.peer ?? ''} ${error} ${payload}`.toLowerCase()
    searchTexts.set(row, text)
  }
  return text
}

export function matchesFilter(row: LogRow, filter: LogFilter): boolean {
  if (filter.hideRawChunks && row.event.type === 'received') return false
  if (!matchesDirection(row, filter.direction)) return false
  if (filter.peer !== '' && row.peer !== filter.peer) return false
  const needle = filter.text.trim().toLowerCase()
  return needle === '' || searchText(row).includes(needle)
}

/** The payload as a row shows it: text with escapes, or hex pairs (formatHex), cut at PREVIEW_BYTES. */
export function payloadPreview(row: LogRow, viewAs: 'text' | 'hex'): { shown: string; more: number } {
  const data = rowData(row)
  if (!data) return { shown: '', more: 0 }
  const head = data.subarray(0, PREVIEW_BYTES)
  return {
    shown: viewAs === 'hex' ? formatHex(head) : formatText(head),
    // The true size, not the preview's: the host sends only the first bytes of a large payload.
    more: (row.bytes ?? data.byteLength) - head.byteLength,
  }
}

/** The dump shows the bytes the row holds (the host's preview of a large payload) and says so. */
export function hexDump(row: LogRow): { dump: string; shown: number; total: number } {
  const data = rowData(row) ?? new Uint8Array()
  const head = data.subarray(0, DUMP_BYTES)
  return { dump: formatHexDump(head), shown: head.byteLength, total: row.bytes ?? data.byteLength }
}

/** What "copy as text / hex" puts on the clipboard for one row. */
export function rowCopyText(row: LogRow, as: 'text' | 'hex', detail: string): string {
  const data = rowData(row)
  if (!data) return detail
  return as === 'hex' ? formatHex(data) : formatText(data)
}
