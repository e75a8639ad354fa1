import { dirname, join, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import {
  CodedError,
  OwnErrorCode,
  eachSessionEvent,
  type CaptureStatus,
  type SessionEvent,
  type SessionInfo,
} from '../../shared'
import type { SessionEngine } from '../session-engine'
import { DEFAULT_MAX_QUEUED_BYTES, captureOverrunError, captureWriteError } from './capture-errors'
import { captureFileName, openCaptureFile } from './capture-file'
import { encodeHeader, encodeRecord } from './capture-format'
import { createCaptureWriter, type CaptureWriter } from './capture-writer'
import { EarlyRecords } from './early-records'

export interface CaptureServiceOptions {
  engine: Pick<SessionEngine, 'subscribe' | 'get'>
  /** Folder the generated capture files are created in (made when missing). */
  dir: string
  maxQueuedBytes?: number
  /** Opens the file; tests put a failing stream here. */
  openFile?: (path: string, dir: string) => Promise<Writable>
  now?: () => Date
}

/** Where one capture goes. Only trusted callers (the CLI's --record) name a file; the handler table never does. */
export interface CaptureTarget {
  /** The capture file itself, instead of a generated name in the service's folder. Never overwritten. */
  path?: string
}

export interface CaptureService {
  /** Records every event of the session from this call on; rejects with a coded error if the file cannot be made. */
  start(sessionId: string, target?: CaptureTarget): Promise<CaptureStatus>
  /** Stops and resolves once the file is complete on disk. */
  stop(sessionId: string): Promise<CaptureStatus>
  /** The latest capture of the session, running or finished; null when there was none. */
  status(sessionId: string): CaptureStatus | null
  /** Stops every running capture. */
  dispose(): Promise<void>
}

interface Capture {
  sessionId: string
  path: string
  startedAt: number
  state: CaptureStatus['state']
  writer?: CaptureWriter
  unsubscribe?: () => void
  stopping?: Promise<void>
}

const endsSession = (event: SessionEvent): boolean => event.type === 'close' && event.scope === 'session'

const hasEnded = (state: SessionInfo['state']): boolean => state === 'closed' || state === 'error'

/** "Record to file": one lossless JSON Lines capture per session, streamed to disk from engine events. */
export function createCaptureService({
  engine,
  dir,
  maxQueuedBytes,
  openFile = openCaptureFile,
  now = () => new Date(),
}: CaptureServiceOptions): CaptureService {
  const captures = new Map<string, Capture>()

  function statusOf(capture: Capture): CaptureStatus {
    const progress = capture.writer?.progress() ?? { events: 0, bytes: 0 }
    const failure = capture.writer?.failure
    const status: CaptureStatus = {
      sessionId: capture.sessionId,
      state: capture.state,
      path: capture.path,
      startedAt: capture.startedAt,
      events: progress.events,
      bytes: progress.bytes,
    }
    return failure === undefined ? status : { ...status, error: failure.toInfo() }
  }

  /** Stops taking events and waits until the file is complete; the state says how it ended. */
  function finish(capture: Capture): Promise<void> {
    capture.stopping ??= (async () => {
      capture.unsubscribe?.()
      if (capture.state === 'recording') capture.state = 'stopping'
      await capture.writer?.close()
      capture.state = capture.writer?.failure === undefined ? 'stopped' : 'error'
    })()
    return capture.stopping
  }

  function record(capture: Capture, event: SessionEvent): void {
    if (event.sessionId !== capture.sessionId) return
    if (capture.writer?.write(encodeRecord(event)) !== true || endsSession(event)) void finish(capture)
  }

  function sessionOf(sessionId: string): SessionInfo | undefined {
    try {
      return engine.get(sessionId)
    } catch {
      return undefined
    }
  }

  /** Whether the session still exists and is open; a removed session is closed for good. */
  function isOpen(sessionId: string): boolean {
    const session = sessionOf(sessionId)
    return session !== undefined && !hasEnded(session.state)
  }

  /** Forgets finished captures of removed sessions: nobody can ask for their status any more. */
  function forgetRemoved(): void {
    for (const [sessionId, capture] of captures) {
      const finished = capture.state === 'stopped' || capture.state === 'error'
      if (finished && sessionOf(sessionId) === undefined) captures.delete(sessionId)
    }
  }

  async function start(sessionId: string, target: CaptureTarget = {}): Promise<CaptureStatus> {
    const session = engine.get(sessionId)
    // A closed session has no close event left to end the recording: it would hold its file open forever.
    if (hasEnded(session.state)) {
      throw new CodedError(
        OwnErrorCode.wrongState,
        'This session is closed: only an open session can be recorded.',
        sessionId,
      )
    }
    forgetRemoved()
    const running = captures.get(sessionId)
    if (running !== undefined && (running.state === 'recording' || running.state === 'stopping')) {
      throw new CodedError(OwnErrorCode.wrongState, 'This session is already being recorded.', sessionId)
    }
    const startedAt = now()
    const path =
      target.path === undefined ? join(dir, captureFileName(sessionId, startedAt)) : resolve(target.path)
    const capture: Capture = { sessionId, path, startedAt: startedAt.getTime(), state: 'recording' }
    // Claimed before the first await, so a second start cannot race this one.
    captures.set(sessionId, capture)
    const early = new EarlyRecords(maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES)
    // Lossless: every frame of a batched 'frames' event is a record of its own, as it always was.
    const onEvent = eachSessionEvent((event) => {
      if (capture.writer !== undefined) record(capture, event)
      else early.hold(encodeRecord(event), endsSession(event))
    })
    capture.unsubscribe = engine.subscribe((event) => {
      if (event.sessionId === sessionId) onEvent(event)
    })
    const giveUp = (error: CodedError): never => {
      capture.unsubscribe?.()
      captures.delete(sessionId)
      if (running !== undefined) captures.set(sessionId, running)
      throw new CodedError(error.code, error.message, sessionId)
    }
    let stream: Writable
    try {
      stream = await openFile(path, dirname(path))
    } catch (thrown) {
      return giveUp(captureWriteError(thrown, path))
    }
    if (capture.state !== 'recording') {
      // Stopped while the file was being opened: leave the empty file, record nothing.
      stream.end()
      return statusOf(capture)
    }
    if (early.overrun) {
      stream.end()
      return giveUp(captureOverrunError(path, 0, maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES))
    }
    const writer = createCaptureWriter({
      stream,
      path,
      maxQueuedBytes,
      onFailure: () => void finish(capture),
    })
    capture.writer = writer
    writer.writeHeader(encodeHeader(session, capture.startedAt))
    for (const line of early.take()) writer.write(line)
    // The session may have closed (or been removed) while the file was being opened: nothing more will come.
    if (early.sessionEnded || !isOpen(sessionId)) await finish(capture)
    return statusOf(capture)
  }

  async function stop(sessionId: string): Promise<CaptureStatus> {
    const capture = captures.get(sessionId)
    if (capture === undefined) {
      throw new CodedError(OwnErrorCode.wrongState, 'This session is not being recorded.', sessionId)
    }
    await finish(capture)
    return statusOf(capture)
  }

  return {
    start,
    stop,
    status: (sessionId) => {
      engine.get(sessionId) // an unknown session is ERR_NO_SESSION, not "no capture"
      const capture = captures.get(sessionId)
      return capture === undefined ? null : statusOf(capture)
    },
    dispose: async () => {
      await Promise.all([...captures.values()].map(finish))
    },
  }
}
