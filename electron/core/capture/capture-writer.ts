import type { Writable } from 'node:stream'
import type { CodedError } from '../../shared'
import { DEFAULT_MAX_QUEUED_BYTES, captureOverrunError, captureWriteError } from './capture-errors'

export interface CaptureWriterOptions {
  stream: Writable
  /** Shown in error messages. */
  path: string
  /** Queue bound while the disk catches up; past it the capture stops with ECAPTURE_OVERRUN. */
  maxQueuedBytes?: number
  /** Called once, the first time the writer fails (disk error or overrun). */
  onFailure?: (error: CodedError) => void
}

export interface WriterProgress {
  /** Records the stream confirmed (write callbacks), header excluded. */
  events: number
  /** Bytes the stream confirmed. */
  bytes: number
}

export interface CaptureWriter {
  /** Writes the header line; not counted as an event. */
  writeHeader(line: string): void
  /** Queues one complete record line; false once the writer no longer takes records. */
  write(line: string): boolean
  progress(): WriterProgress
  readonly failure: CodedError | undefined
  /** Stops taking records, writes out the queue, ends the stream. Never rejects; see `failure`. */
  close(): Promise<WriterProgress>
}

/** Lines are gathered and handed to the stream in chunks of about this size. */
const CHUNK_CHARS = 256 * 1024

/**
 * Streams record lines with backpressure: when `write()` answers false nothing more is handed to the stream
 * until 'drain'; lines wait in a bounded queue meanwhile. The wire cannot be paused, so when the queue passes
 * its bound the capture stops loudly (ECAPTURE_OVERRUN) instead of dropping records silently or growing
 * without limit; the records already accepted are still written, so the file is an exact prefix.
 */
export function createCaptureWriter({
  stream,
  path,
  maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES,
  onFailure,
}: CaptureWriterOptions): CaptureWriter {
  let queue: string[] = []
  let queuedChars = 0
  let queuedEvents = 0
  let acceptedEvents = 0
  let waitingForDrain = false
  let flushScheduled = false
  let accepting = true
  let failure: CodedError | undefined
  const confirmed: WriterProgress = { events: 0, bytes: 0 }
  let closing: Promise<WriterProgress> | undefined

  function fail(error: CodedError): void {
    if (failure !== undefined) return
    failure = error
    accepting = false
    onFailure?.(error)
  }

  stream.on('error', (error) => {
    fail(captureWriteError(error, path, confirmed))
    queue = []
    queuedChars = 0
    queuedEvents = 0
  })

  /** Hands the whole queue to the stream as one chunk; answers what `write()` answered. */
  function writeQueued(): boolean {
    if (queue.length === 0 || stream.destroyed) return true
    // Encoded here, once: the stream would encode a string itself, and the byte count comes for free.
    const chunk = Buffer.from(queue.length === 1 ? queue[0]! : queue.join(''))
    const events = queuedEvents
    queue = []
    queuedChars = 0
    queuedEvents = 0
    return stream.write(chunk, (error) => {
      if (error !== undefined && error !== null) return
      confirmed.events += events
      confirmed.bytes += chunk.byteLength
    })
  }

  function flush(): void {
    flushScheduled = false
    if (waitingForDrain || writeQueued()) return
    waitingForDrain = true
    stream.once('drain', onDrain)
  }

  function onDrain(): void {
    waitingForDrain = false
    flush()
  }

  function enqueue(line: string, events: number): void {
    queue.push(line)
    queuedChars += line.length
    queuedEvents += events
    if (queuedChars >= CHUNK_CHARS) flush()
    else if (!flushScheduled) {
      flushScheduled = true
      setImmediate(flush)
    }
  }

  function write(line: string): boolean {
    if (!accepting) return false
    if (waitingForDrain && queuedChars + line.length > maxQueuedBytes) {
      fail(captureOverrunError(path, acceptedEvents, maxQueuedBytes))
      return false
    }
    acceptedEvents++
    enqueue(line, 1)
    return true
  }

  async function finish(): Promise<WriterProgress> {
    accepting = false
    // The queue is bounded, so it goes out whole now; end() lets the stream write it at its own pace.
    const closed = new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', resolve)))
    if (!stream.destroyed) {
      writeQueued()
      stream.end()
    }
    await closed
    return { ...confirmed }
  }

  return {
    writeHeader: (line) => enqueue(line, 0),
    write,
    progress: () => ({ ...confirmed }),
    get failure() {
      return failure
    },
    close: () => (closing ??= finish()),
  }
}
