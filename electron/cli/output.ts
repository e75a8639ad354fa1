import type { Readable, Writable } from 'node:stream'
import { formatHexDump, type ErrorInfo, type SessionEvent } from '../shared'
import type { OutputMode } from './command-line'
import { EndpointBook } from './endpoint-book'
import { errorLine, lifecycleLine, relayDataLine } from './human-lines'
import { jsonLine, toJsonRecord } from './json-lines'

export interface OutputStreams {
  /** Read only with --stdin. */
  stdin: Readable
  stdout: Writable
  stderr: Writable
}

/** Where everything the CLI says goes; the mode (human, --hex, --json, --quiet) is decided once, here. */
export interface Output {
  event(event: SessionEvent): void
  /** The session cuts what arrives into frames: stdout shows frames (one per line) instead of raw chunks. */
  showFrames(): void
  /** A lifecycle step of the CLI's own (e.g. where a recording goes); never in --json or --quiet. */
  notice(line: string): void
  /** An error the run survives (a refused --control line): one line on stderr, whatever the mode. */
  problem(error: Pick<ErrorInfo, 'code' | 'message' | 'hint'>): void
  /** The error that ends the run: always one line on stderr, whatever the mode. */
  fatal(error: Pick<ErrorInfo, 'code' | 'message' | 'hint'>): void
}

export function createOutput(mode: OutputMode, { stdout, stderr }: OutputStreams): Output {
  const book = new EndpointBook()
  const chatty = !mode.json && !mode.quiet
  // The last error line shown, so an error already shown as its event is not repeated as the fatal line.
  let lastErrorLine: string | undefined
  let framed = false

  const toStderr = (line: string): void => {
    stderr.write(`${line}\n`)
  }

  function showData(data: Uint8Array): void {
    if (mode.hex) stdout.write(`${formatHexDump(data)}\n`)
    else stdout.write(data)
  }

  function human(event: SessionEvent): void {
    // A relay's rows say which way they flow; what it wrote on is the same bytes again, shown once.
    if (event.direction !== undefined && event.type === 'sent') return
    if (event.type === 'received') {
      const relayed = chatty ? relayDataLine(event, book.of(event)) : undefined
      if (relayed !== undefined) toStderr(relayed)
      return framed ? undefined : showData(event.data)
    }
    if (event.type === 'frame') {
      showData(event.data)
      // Raw text frames (a delimiter left out) end their line; a hex dump already does.
      if (!mode.hex) stdout.write('\n')
      return
    }
    if (!chatty) return
    const line = lifecycleLine(event, book.of(event))
    if (line === undefined) return
    toStderr(line)
    if (event.type === 'error') lastErrorLine = line
  }

  return {
    event(event) {
      if (mode.json) {
        const record = toJsonRecord(event, book.of(event))
        if (record !== undefined) stdout.write(jsonLine(record))
      } else {
        human(event)
      }
      book.note(event)
    },
    showFrames() {
      framed = true
    },
    notice(line) {
      if (chatty) toStderr(line)
    },
    problem(error) {
      toStderr(errorLine(error))
    },
    fatal(error) {
      const line = errorLine(error)
      if (line !== lastErrorLine) toStderr(line)
    },
  }
}
