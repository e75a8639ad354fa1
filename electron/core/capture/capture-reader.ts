import { createReadStream } from 'node:fs'
import { CodedError, type SessionEvent } from '../../shared'
import { CaptureErrorCode } from './capture-errors'
import { CAPTURE_FORMAT, decodeRecord, type CaptureHeader } from './capture-format'

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
  private header: CaptureHeader | undefined
  private readonly events: SessionEvent[] = []
  /** The line in progress, in pieces: a long record spans many chunks and is joined once. */
  private pending: string[] = []
  private lineNumber = 0

  push(text: string): void {
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.pending.push(text.slice(start, end))
      this.parseLine(this.pending.join(''))
      this.pending = []
      start = end + 1
    }
    if (start < text.length) this.pending.push(text.slice(start))
  }

  end(): CaptureContents {
    const partialTail = this.pending.reduce((sum, piece) => sum + piece.length, 0)
    return { header: this.header, events: this.events, partialTail }
  }

  private parseLine(line: string): void {
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
    if (this.lineNumber === 1 && value.format === CAPTURE_FORMAT)
      this.header = value as unknown as CaptureHeader
    else this.events.push(decodeRecord(value))
  }
}

export function parseCapture(text: string): CaptureContents {
  const parser = new CaptureParser()
  parser.push(text)
  return parser.end()
}

/** Reads a capture file, streaming, up to its last complete record. */
export async function readCapture(path: string): Promise<CaptureContents> {
  const parser = new CaptureParser()
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) parser.push(chunk as string)
  return parser.end()
}
