import { Document } from 'yaml'
import { formatHex } from '../codec/hex'
import { formatText } from '../codec/text-escapes'
import { formatHostPort } from '../endpoint-format'
import { formatFramingSpec } from '../framing/framing-spec'
import { describeKind } from '../kinds/registry'
import type { SessionEvent } from '../model'
import type { SessionOptions } from '../schemas'
import { sequenceTlsOf } from './sequence-tls'

// "Record as sequence": a session's recent sends and receives (the events its log holds) as a sequence file
// draft that replays the same exchange. What arrived becomes expectations: for a byte stream, everything
// received between two sends is one `expect` (the replay reads bytes, not chunks); with framing or UDP, one
// `expect` per frame or datagram.

/** Steps written at most; a log of a flood is not a test. The newest exchange is kept. */
export const MAX_RECORDED_STEPS = 500

export interface RecordInput {
  /** The session's options as it was opened (what the app's form sent). */
  options: SessionOptions
  /** Its events, oldest first (lifecycle rows are skipped). */
  events: readonly SessionEvent[]
  name?: string
}

type RecordedStep = Record<string, unknown>

/** Text when the bytes read as text (escapes for \r \n \t only), hex otherwise. */
function payloadStep(kind: 'send' | 'expect', bytes: Uint8Array): RecordedStep {
  const text = formatText(bytes)
  const readable = !/\\x[0-9a-f]{2}|\\0/.test(text)
  if (kind === 'send') return readable ? { send: text } : { send_hex: formatHex(bytes) }
  return readable ? { expect: text } : { expect: { hex: formatHex(bytes) } }
}

const joined = (chunks: readonly Uint8Array[]): Uint8Array => {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

const tlsOf = (options: SessionOptions) => ('tls' in options ? options.tls : undefined)

/** Where the sequence points: a client at its peer, a server at its own address (it waits for a client). */
function targetOf(options: SessionOptions): Record<string, string> {
  const kind = describeKind(options.kind)
  const scheme = tlsOf(options) === undefined ? kind.protocol : 'tls'
  const destination = kind.destination(options)
  if (
    kind.capabilities.acceptsConnections ||
    (destination === undefined && !kind.capabilities.connectionOriented)
  ) {
    const { host, port } = kind.requestedEndpoint(options)
    return { listen: `${scheme}://${formatHostPort(host, port)}` }
  }
  const { host, port } = destination ?? kind.requestedEndpoint(options)
  return { connect: `${scheme}://${formatHostPort(host, port)}` }
}

/** The one conversation a draft follows: a server's first accepted client, else the session's own traffic. */
function conversationOf(options: SessionOptions, events: readonly SessionEvent[]): SessionEvent[] {
  if (!describeKind(options.kind).capabilities.acceptsConnections) return [...events]
  const first = events.find((event) => event.type === 'accept')?.connectionId
  return first === undefined ? [] : events.filter((event) => event.connectionId === first)
}

function stepsOf(options: SessionOptions, events: readonly SessionEvent[]): RecordedStep[] {
  const framed = (options.framing?.mode ?? 'none') !== 'none'
  const messages = framed || !describeKind(options.kind).capabilities.connectionOriented
  const arrivalType = framed ? 'frame' : 'received'
  const steps: RecordedStep[] = []
  let pending: Uint8Array[] = []
  const flush = (): void => {
    if (pending.length > 0) steps.push(payloadStep('expect', joined(pending)))
    pending = []
  }
  for (const event of events) {
    if (event.type === 'sent') {
      flush()
      steps.push(payloadStep('send', event.data))
    } else if (event.type === arrivalType) {
      if (messages) steps.push(payloadStep('expect', event.data))
      else pending.push(event.data)
    } else if (event.type === 'end' || (event.type === 'close' && event.cause === 'peer')) {
      flush()
      steps.push({ expect: { closed: true } })
      break
    }
  }
  flush()
  return steps.slice(-MAX_RECORDED_STEPS)
}

/** A YAML draft of a sequence that replays what the session sent and expects what it received. */
export function recordSequence({ options, events, name = 'recorded session' }: RecordInput): string {
  const conversation = conversationOf(options, events)
  const accepts = describeKind(options.kind).capabilities.acceptsConnections
  const steps = [...(accepts ? [{ accept: true }] : []), ...stepsOf(options, conversation)]
  const framing =
    options.framing === undefined || options.framing.mode === 'none'
      ? {}
      : { framing: formatFramingSpec(options.framing) }
  const tls = tlsOf(options)
  const tlsMap = tls === undefined ? undefined : sequenceTlsOf(tls)
  const document = new Document({
    name,
    ...targetOf(options),
    ...(tlsMap === undefined || Object.keys(tlsMap).length === 0 ? {} : { tls: tlsMap }),
    ...framing,
    steps: steps.length > 0 ? steps : [{ wait: 0 }],
  })
  document.commentBefore =
    ' Recorded by Socket Workbench: what the session sent, and what it received as expectations.\n' +
    ' Check the expectations (timestamps, counters, ids) before relying on them; format: README, "Sequence files".'
  return document.toString({ lineWidth: 0 })
}
