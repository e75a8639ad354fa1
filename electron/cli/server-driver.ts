import {
  OwnErrorCode,
  autoReplyOf,
  type Endpoint,
  type Result,
  type SendRequest,
  type SessionEvent,
} from '../shared'
import { formatEndpoint } from '../core/engine/endpoints'
import { errorLine } from './human-lines'
import type { Driver, RunContext, SessionPlan } from './session-plan'

/**
 * Bytes waiting to be sent to one peer (a greeting here, auto-replies in the engine, whose per-connection limit
 * the CLI sets to this) before it is cut off for not reading.
 */
export const MAX_PENDING_BYTES_PER_PEER = 16 * 1024 * 1024

/** UDP senders remembered as greeted; past this the oldest are forgotten (and greeted again if they return). */
const MAX_REMEMBERED_SENDERS = 10_000

/** Who a send goes to: an accepted TCP connection, or a UDP sender. */
interface Target {
  key: string
  /** How messages name the peer. */
  label: string
  /** Where a send goes: the send request without its bytes (the handler's schema checks it). */
  where: Omit<SendRequest, 'data'>
  /** What happens to a peer that does not read: a TCP client is disconnected, a UDP datagram is not sent. */
  cutOff: () => void
}

/** One send waiting for its peer: its size (for the bound) and how it is made. */
interface Outgoing {
  bytes: number
  send: (target: Target) => Promise<Result<unknown>>
}

interface Queue {
  tail: Promise<void>
  pendingBytes: number
}

/**
 * listen: greets each client (TCP: on accept; UDP: a new sender's first datagram) with the payloads, and ends
 * when --once is met (the first client closed; UDP: the first datagram answered), when the session closes, or on
 * --timeout / a signal. --echo and --reply are the engine's auto-reply: their answers are the session's own sends.
 */
export function serverDriver(
  { workbench, output, ending }: RunContext,
  { request, payloads, messages, behaviour }: SessionPlan,
  sessionId: string,
): Driver {
  const queues = new Map<string, Queue>()
  const greetedSenders = new Set<string>()

  const connectionTarget = (connectionId: string): Target => ({
    key: connectionId,
    label: `connection ${connectionId}`,
    where: { sessionId, connectionId },
    // A reset, not a FIN: a FIN would wait behind the very bytes this peer does not read.
    cutOff: () => void workbench.handlers.disconnect({ sessionId, connectionId, mode: 'reset' }),
  })

  const senderTarget = ({ address, port }: Endpoint): Target => ({
    key: formatEndpoint(address, port),
    label: formatEndpoint(address, port),
    where: { sessionId, remoteHost: address, remotePort: port },
    cutOff: () => undefined,
  })

  /** True the first time a UDP sender is seen. */
  function isNewSender(key: string): boolean {
    if (greetedSenders.has(key)) return false
    if (greetedSenders.size >= MAX_REMEMBERED_SENDERS) {
      greetedSenders.delete(greetedSenders.values().next().value!)
    }
    greetedSenders.add(key)
    return true
  }

  async function sendOne(target: Target, item: Outgoing, queue: Queue): Promise<void> {
    const sent = await item.send(target)
    queue.pendingBytes -= item.bytes
    if (queue.pendingBytes === 0 && queues.get(target.key) === queue) queues.delete(target.key)
    // One client going away must not end the server: say so and carry on.
    if (!sent.ok) output.notice(`${errorLine(sent.error)} (${target.label})`)
  }

  function cutOff(target: Target): void {
    output.notice(
      errorLine({
        code: OwnErrorCode.limit,
        message: `${target.label} does not read what is sent to it (more than ${MAX_PENDING_BYTES_PER_PEER} bytes waiting)`,
      }),
    )
    target.cutOff()
  }

  /** Sends in order per peer; a peer that lets more than the bound pile up is cut off, not buffered for. */
  function queueSends(target: Target, items: readonly Outgoing[]): Promise<void> {
    let queue = queues.get(target.key)
    for (const item of items) {
      if (queue === undefined) {
        queue = { tail: Promise.resolve(), pendingBytes: 0 }
        queues.set(target.key, queue)
      }
      if (queue.pendingBytes + item.bytes > MAX_PENDING_BYTES_PER_PEER) {
        cutOff(target)
        break
      }
      const current = queue
      current.pendingBytes += item.bytes
      current.tail = current.tail.then(() => sendOne(target, item, current))
    }
    return queue?.tail ?? Promise.resolve()
  }

  const bytesItem = (data: Uint8Array): Outgoing => ({
    bytes: data.byteLength,
    send: (target) => workbench.handlers.send({ ...target.where, data }),
  })
  // With --template the engine expands each greeting (the session's counter counts them all); its size is only
  // known then, so the typed text stands in for it in the per-peer bound.
  const greeting: readonly Outgoing[] =
    messages === undefined
      ? payloads.map(bytesItem)
      : messages.map((message) => ({
          bytes: message.payload.length,
          send: (target) => workbench.handlers.sendMessage({ ...target.where, message }),
        }))

  // With framing a message is a frame; without, a chunk (datagram). Auto-reply answers messages.
  const arrivals: SessionEvent['type'] = (request.framing?.mode ?? 'none') === 'none' ? 'received' : 'frame'
  const autoReply = autoReplyOf(request)
  const autoReplies = autoReply?.echo === true || (autoReply?.rules?.length ?? 0) > 0
  /** UDP --once: the first datagram arrived, its greeting is out, the engine has answered it. */
  const firstDatagram = { arrived: false, greeted: false, answered: !autoReplies }
  const endOnceAnswered = (): void => {
    if (firstDatagram.greeted && firstDatagram.answered) ending.done()
  }

  function onReceived(event: Extract<SessionEvent, { type: 'received' | 'frame' }>): void {
    const target =
      event.connectionId !== undefined
        ? connectionTarget(event.connectionId)
        : event.remote !== undefined
          ? senderTarget(event.remote)
          : undefined
    if (target === undefined) return
    const items = event.connectionId === undefined && isNewSender(target.key) ? greeting : []
    const greeted = queueSends(target, items)
    if (
      behaviour.once &&
      event.connectionId === undefined &&
      event.type === arrivals &&
      !firstDatagram.arrived
    ) {
      firstDatagram.arrived = true
      void greeted.then(() => {
        firstDatagram.greeted = true
        endOnceAnswered()
      })
    }
  }

  return {
    onEvent(event: SessionEvent) {
      if (event.type === 'accept' && event.connectionId !== undefined) {
        void queueSends(connectionTarget(event.connectionId), greeting)
      } else if (event.type === 'received' || event.type === 'frame') {
        onReceived(event)
      } else if (
        event.type === 'error' &&
        event.error.code === OwnErrorCode.sendQueueFull &&
        event.connectionId !== undefined
      ) {
        // The engine's auto-reply found a client that does not read: it is cut off, not buffered for.
        cutOff(connectionTarget(event.connectionId))
      } else if (event.type === 'sent' && event.connectionId === undefined && firstDatagram.arrived) {
        // The engine's answer (or a greeting: either way the sender has been answered).
        firstDatagram.answered = true
        endOnceAnswered()
      } else if (event.type === 'close' && event.scope === 'connection' && event.connectionId !== undefined) {
        if (behaviour.once) ending.done()
      } else if (event.type === 'close' && event.scope === 'session') {
        ending.done()
      }
    },
    start: async () => undefined,
    stop: () => undefined,
  }
}
