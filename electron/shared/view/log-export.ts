import { formatHex, formatText } from '../codec'
import { describeEvent, type Translate } from './describe-event'
import { rowData, type LogRow } from './log-rows'

export type ExportFormat = 'jsonl' | 'csv' | 'text'

export const exportMimeTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
  text: 'text/plain',
}

export const exportExtensions: Record<ExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', text: 'txt' }

interface FlatRow {
  seq: number | ''
  time: string
  connectionId: string
  direction: string
  peer: string
  bytes: number | ''
  text: string
  hex: string
  detail: string
}

/** Where the export leaves rows out: per row (default: the row's own `missingBefore`), and after the last one. */
export interface ExportGaps {
  missingBefore?: (row: LogRow, index: number) => number
  trailing?: number
}

/** A line that is not a row: the note that this is a view, or a gap marker (with how many rows it stands for). */
function noteRow(
  direction: 'note' | 'not-shown',
  detail: string,
  notShown?: number,
): FlatRow & { notShown?: number } {
  return {
    seq: '',
    time: '',
    connectionId: '',
    direction,
    peer: '',
    bytes: '',
    text: '',
    hex: '',
    detail,
    notShown,
  }
}

function flatten(row: LogRow, t: Translate): FlatRow {
  const data = rowData(row)
  return {
    seq: row.event.seq,
    time: new Date(row.event.time).toISOString(),
    connectionId: row.event.connectionId ?? '',
    direction: row.event.type,
    peer: row.peer ?? '',
    bytes: row.bytes ?? '',
    text: data ? formatText(data) : '',
    hex: data ? formatHex(data) : '',
    detail: describeEvent(row.event, t),
  }
}

const csvColumns: (keyof FlatRow)[] = [
  'seq',
  'time',
  'connectionId',
  'direction',
  'peer',
  'bytes',
  'text',
  'hex',
  'detail',
]

function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * One line per row in the chosen format (CSV starts with a header line). The export is the log view, not the
 * record: it says so first, and marks each place where rows were left out during a flood with how many.
 */
export function exportRows(
  rows: readonly LogRow[],
  format: ExportFormat,
  t: Translate,
  gaps: ExportGaps = {},
): string {
  const missingBefore = gaps.missingBefore ?? ((row: LogRow) => row.missingBefore)
  const marker = (count: number) => noteRow('not-shown', t('logGaps.marker', { count }), count)
  const flat: (FlatRow & { notShown?: number })[] = [noteRow('note', t('logGaps.viewNote'))]
  rows.forEach((row, index) => {
    const missing = missingBefore(row, index)
    if (missing > 0) flat.push(marker(missing))
    flat.push(flatten(row, t))
  })
  if ((gaps.trailing ?? 0) > 0) flat.push(marker(gaps.trailing!))
  switch (format) {
    case 'jsonl':
      return flat.map((row) => `${JSON.stringify(jsonLine(row))}\n`).join('')
    case 'csv':
      return [
        csvColumns.join(','),
        ...flat.map((row) => csvColumns.map((key) => csvCell(row[key])).join(',')),
      ]
        .join('\r\n')
        .concat('\r\n')
    case 'text':
      return flat.map((row) => `${textLine(row)}\n`).join('')
  }
}

/** A row as one JSON object; the note and the markers as `{ note }` and `{ notShown, note }`. */
function jsonLine(row: FlatRow & { notShown?: number }): object {
  if (row.direction === 'note') return { note: row.detail }
  if (row.direction === 'not-shown') return { notShown: row.notShown, note: row.detail }
  return row
}

function textLine(row: FlatRow): string {
  if (row.direction === 'note') return `# ${row.detail}`
  if (row.direction === 'not-shown') return `… ${row.detail}`
  return [row.time, row.direction, row.peer, row.bytes === '' ? '' : `${row.bytes} B`, row.text || row.detail]
    .filter((part) => part !== '')
    .join('  ')
}
