import { createReadStream } from 'node:fs'
import { CodedError, type SessionEvent } from '../../shared'
import { CaptureErrorCode } from './capture-errors'
import { CAPTURE_FORMAT, decodeRecord, type CaptureHeader } from './capture-format'

/** One complete line of a capture: the header (its first line) or an event. */
export type CaptureRecord = { kind: 'header'; header: CaptureHeader } | { kind: 'event'; event: SessionEvent }

export interface CaptureContents {
  /** Missing only when the file was cut before its first line was complete. */
  header: CaptureHeader | undefined
  events: SessionEvent[]
  /** Characters after the last '\n': a record cut short (process killed, disk full). Ignored. */
  partialTail: number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Reads complete lines as they arrive; whatever follows the last '\n' is a partial record, left out. */
export class CaptureParser {
  /** The line in progress, in pieces: a long record spans many chunks and is joined once. */
  private pending: string[] = []
  private lineNumber = 0

  /** The records that `text` completes, in order. */
  push(text: string): CaptureRecord[] {
    const records: CaptureRecord[] = []
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.pending.push(text.slice(start, end))
      records.push(this.parseLine(this.pending.join('')))
      this.pending = []
      start = end + 1
    }
    if (start < text.length) this.pending.push(text.slice(start))
    return records
  }

  /** Characters of a record cut short after the last complete line. */
  get partialTail(): number {
    return this.pending.reduce((sum, piece) => sum + piece.length, 0)
  }

  private parseLine(line: string): CaptureRecord {
    this.lineNumber++
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      value = undefined
    }
    if (!isRecord(value)) {
      throw new CodedError(CaptureErrorCode.format, `Line ${this.lineNumber} is not a capture record.`)
    }
    if (this.lineNumber === 1 && value.format === CAPTURE_FORMAT) {
      return { kind: 'header', header: value as unknown as CaptureHeader }
    }
    return { kind: 'event', event: decodeRecord(value) }
  }
}

function collect(records: Iterable<CaptureRecord>, contents: CaptureContents): void {
  for (const record of records) {
    if (record.kind === 'header') contents.header = record.header
    else contents.events.push(record.event)
  }
}

export function parseCapture(text: string): CaptureContents {
  const parser = new CaptureParser()
  const contents: CaptureContents = { header: undefined, events: [], partialTail: 0 }
  collect(parser.push(text), contents)
  contents.partialTail = parser.partialTail
  return contents
}

/**
 * The records of a capture file, streamed: memory stays bounded by one chunk and one record, whatever the
 * file's size. A record cut short at the end (process killed, disk full) is left out.
 */
export async function* streamCapture(path: string): AsyncGenerator<CaptureRecord, void, undefined> {
  const parser = new CaptureParser()
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) yield* parser.push(chunk as string)
}

/** Reads a whole capture file into memory, up to its last complete record. For small files and tests. */
export async function readCapture(path: string): Promise<CaptureContents> {
  const parser = new CaptureParser()
  const contents: CaptureContents = { header: undefined, events: [], partialTail: 0 }
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }))
    collect(parser.push(chunk as string), contents)
  contents.partialTail = parser.partialTail
  return contents
}
