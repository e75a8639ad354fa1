import type { SessionEvent, SessionInfo } from '../../shared'
import { Inbox } from './inbox'
import type { TrafficLog } from './traffic-log'

/** Clients accepted and not yet taken by an accept step; more are refused by the run's own bound. */
const MAX_WAITING_CLIENTS = 1000

/**
 * One open session seen from a sequence: what each peer sent, who is the current peer, and the traffic. A
 * client (TCP client, UDP) has one inbox; a TCP server gets one per accepted connection, taken in accept order.
 */
export class Conversation {
  readonly sessionId: string
  readonly acceptsConnections: boolean
  readonly connectionOriented: boolean
  private readonly mode: Inbox['mode']
  private readonly framed: boolean
  private readonly sessionInbox: Inbox | undefined
  private readonly byConnection = new Map<string, Inbox>()
  private readonly waitingClients: string[] = []
  private readonly acceptWatchers = new Set<() => void>()
  /** The conversation's current peer: sends go to it, expectations read from it. */
  current: { inbox: Inbox; connectionId: string | undefined } | undefined
  /** The last error event: a step that fails on a closed socket says why it closed. */
  lastError: { code: string; message: string } | undefined

  constructor(
    info: SessionInfo,
    private readonly traffic: TrafficLog,
  ) {
    this.sessionId = info.id
    this.acceptsConnections = info.capabilities.acceptsConnections
    this.connectionOriented = info.capabilities.connectionOriented
    this.framed = (info.options.framing?.mode ?? 'none') !== 'none'
    this.mode = this.framed || !this.connectionOriented ? 'messages' : 'stream'
    if (!this.acceptsConnections) {
      this.sessionInbox = new Inbox(this.mode)
      this.current = { inbox: this.sessionInbox, connectionId: undefined }
    }
  }

  /** Takes the next client accepted (now or earlier) as the current peer; false when none is waiting. */
  takeWaitingClient(): boolean {
    const connectionId = this.waitingClients.shift()
    if (connectionId === undefined) return false
    this.current = { inbox: this.byConnection.get(connectionId)!, connectionId }
    return true
  }

  onAccept(watcher: () => void): () => void {
    this.acceptWatchers.add(watcher)
    return () => this.acceptWatchers.delete(watcher)
  }

  readonly handle = (event: SessionEvent): void => {
    if (event.type === 'accept' && event.connectionId !== undefined) return this.accepted(event.connectionId)
    if (event.type === 'sent') return this.traffic.add('sent', event.data, event.time)
    if (event.type === 'error') this.lastError = { code: event.error.code, message: event.error.message }
    const inbox = this.inboxOf(event)
    if (event.type === 'received') this.traffic.add('received', event.data, event.time)
    if (inbox === undefined) return
    if (event.type === (this.framed ? 'frame' : 'received')) inbox.push(event.data, event.remote)
    // The peer's FIN ends what can arrive even if our side stays open; a close (any cause) ends it too.
    if (event.type === 'end' || (event.type === 'close' && event.scope !== 'listener')) inbox.markClosed()
  }

  private inboxOf(event: SessionEvent): Inbox | undefined {
    if (!this.acceptsConnections) return this.sessionInbox
    if (event.connectionId === undefined) return undefined
    return this.byConnection.get(event.connectionId)
  }

  private accepted(connectionId: string): void {
    if (this.byConnection.size >= MAX_WAITING_CLIENTS) return
    this.byConnection.set(connectionId, new Inbox(this.mode))
    this.waitingClients.push(connectionId)
    for (const watcher of [...this.acceptWatchers]) watcher()
  }
}
