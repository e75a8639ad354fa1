import type { RawData, WebSocket } from 'ws'
import { WebSocket as WebSocketState } from 'ws'
import { createEventBatcher } from '../core/event-batcher'
import type { HandlerTable } from '../core/handler-table'
import type { SessionEngine } from '../core/session-engine'
import { answerNotSendable, answerTooLarge, MAX_ANSWER_BYTES } from '../core/answer-limit'
import {
  Channels,
  channelOfWireName,
  OwnErrorCode,
  decodeWire,
  encodeWire,
  fail,
  toErrorInfo,
  type ChannelName,
  type ErrorInfo,
  type Result,
  type WebMessage,
} from '../shared'
import { MAX_FRAME_VALUES, withinValueBudget } from './frame-gate'

/** The id answered to a frame whose own id could not be read (clients number requests from 1). */
export const UNKNOWN_REQUEST_ID = 0

export interface ConnectionDeps {
  table: HandlerTable
  engine: SessionEngine
  log: (line: string) => void
  /** Who this client is, for log lines (remote address:port). */
  label: string
}

/** A frame's request, its channel resolved from the wire name to the handler table's key. */
interface ParsedRequest {
  id: number
  channel: ChannelName
  payload: unknown
}

type ParsedFrame = { ok: true; request: ParsedRequest } | { ok: false; id: number; error: ErrorInfo }

const invalid = (id: number, message: string): ParsedFrame => ({
  ok: false,
  id,
  error: { code: OwnErrorCode.invalidRequest, message },
})

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Reads one text frame as a request, or says precisely why it is not one. */
export function parseFrame(text: string): ParsedFrame {
  if (!withinValueBudget(text)) {
    return invalid(UNKNOWN_REQUEST_ID, `Malformed message: more than ${MAX_FRAME_VALUES} values.`)
  }
  let frame: unknown
  try {
    frame = decodeWire(text)
  } catch {
    return invalid(UNKNOWN_REQUEST_ID, 'Malformed message: not valid JSON.')
  }
  if (!isRecord(frame)) return invalid(UNKNOWN_REQUEST_ID, 'Malformed message: expected an object.')
  const { id, channel, payload } = frame
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    return invalid(UNKNOWN_REQUEST_ID, 'Malformed message: id must be a positive integer.')
  }
  const known = channelOfWireName(channel)
  if (known === undefined)
    return invalid(id, `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`)
  return { ok: true, request: { id, channel: known, payload } }
}

/**
 * A response as one frame, or, when it cannot be sent (larger than a frame may be, or not serialisable), a coded
 * error in its place under the same id.
 */
export function encodeResponse(
  id: number,
  channel: ChannelName,
  result: Result<unknown>,
  maxBytes = MAX_ANSWER_BYTES,
): { ok: true; text: string } | { ok: false; text: string; error: ErrorInfo } {
  let error: ErrorInfo
  try {
    const text = encodeWire({ kind: 'response', id, result } satisfies WebMessage)
    // A UTF-8 byte count costs a pass over the text; only a text that may exceed the limit needs one.
    const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text) : text.length
    if (bytes <= maxBytes) return { ok: true, text }
    error = answerTooLarge(channel, bytes, maxBytes)
  } catch (thrown) {
    error = answerNotSendable(channel, thrown)
  }
  return {
    ok: false,
    text: encodeWire({ kind: 'response', id, result: fail(error) } satisfies WebMessage),
    error,
  }
}

/**
 * One browser tab's conversation: requests answered through the shared handler table, engine events
 * pushed through a batcher of its own that lives exactly as long as the socket.
 */
export function serveConnection(socket: WebSocket, { table, engine, log, label }: ConnectionDeps): void {
  function postFrame(frame: string): void {
    if (socket.readyState !== WebSocketState.OPEN) return
    socket.send(frame, (error) => {
      if (error !== undefined && error !== null) log(`web: send to ${label} failed: ${error.message}`)
    })
  }

  /** Our own messages: refusals and event batches (the batcher catches what a batch's encoding throws). */
  function post(message: WebMessage): void {
    postFrame(encodeWire(message))
  }

  function answer(id: number, channel: ChannelName, result: Result<unknown>): void {
    const frame = encodeResponse(id, channel, result)
    if (!frame.ok) log(`web: answer to ${label} on ${Channels[channel]} refused: ${frame.error.message}`)
    postFrame(frame.text)
  }

  function answerInvalid(id: number, error: ErrorInfo): void {
    log(`web: refused message from ${label}: ${error.message}`)
    post({ kind: 'response', id, result: fail(error) })
  }

  async function handle(data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      answerInvalid(UNKNOWN_REQUEST_ID, {
        code: OwnErrorCode.invalidRequest,
        message: 'Malformed message: binary frames are not accepted.',
      })
      return
    }
    const parsed = parseFrame(data.toString())
    if (!parsed.ok) {
      answerInvalid(parsed.id, parsed.error)
      return
    }
    const { id, channel, payload } = parsed.request
    const result = await table[channel](payload).catch((thrown: unknown) => fail(toErrorInfo(thrown)))
    answer(id, channel, result)
  }

  const batcher = createEventBatcher({ engine, send: (batch) => post({ kind: 'events', batch }) })

  socket.on('message', (data, isBinary) => {
    handle(data, isBinary).catch((error: unknown) =>
      log(`web: request from ${label} failed: ${error instanceof Error ? error.message : String(error)}`),
    )
  })
  // ws reports protocol violations (oversized frames: 1009, bad UTF-8: 1007) here and then closes the socket.
  socket.on('error', (error) => log(`web: closing connection ${label}: ${error.message}`))
  socket.once('close', () => batcher.dispose())
}
