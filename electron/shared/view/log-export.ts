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
  seq: number
  time: string
  connectionId: string
  direction: string
  peer: string
  bytes: number | ''
  text: string
  hex: string
  detail: string
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

/** One line per row in the chosen format (CSV starts with a header line). */
export function exportRows(rows: readonly LogRow[], format: ExportFormat, t: Translate): string {
  const flat = rows.map((row) => flatten(row, t))
  switch (format) {
    case 'jsonl':
      return flat.map((row) => JSON.stringify(row)).join('\n') + (flat.length > 0 ? '\n' : '')
    case 'csv':
      return [
        csvColumns.join(','),
        ...flat.map((row) => csvColumns.map((key) => csvCell(row[key])).join(',')),
      ]
        .join('\r\n')
        .concat('\r\n')
    case 'text':
      return flat
        .map((row) =>
          [
            row.time,
            row.direction,
            row.peer,
            row.bytes === '' ? '' : `${row.bytes} B`,
            row.text || row.detail,
          ]
            .filter((part) => part !== '')
            .join('  '),
        )
        .map((line) => `${line}\n`)
        .join('')
  }
}
