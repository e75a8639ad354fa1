import { eachSessionEvent, type SessionEvent } from '../../shared'
import type { SessionEngine } from '../session-engine'

/** Events of sessions nobody has claimed yet, kept for their claimant (a banner can arrive before open resolves). */
const MAX_UNCLAIMED_EVENTS = 10_000

/**
 * One engine subscription for a whole run, handing each session's events to the sequence that opened it. A
 * session's events start flowing before its open request resolves (lookup, connect, a server's banner), so
 * events of sessions not yet claimed are held and replayed on claim.
 */
export class SessionEventHub {
  private readonly listeners = new Map<string, (event: SessionEvent) => void>()
  private readonly unclaimed = new Map<string, SessionEvent[]>()
  private unclaimedCount = 0
  private readonly unsubscribe: () => void

  constructor(engine: SessionEngine) {
    this.unsubscribe = engine.subscribe(eachSessionEvent((event) => this.deliver(event)))
  }

  claim(sessionId: string, listener: (event: SessionEvent) => void): void {
    this.listeners.set(sessionId, listener)
    const held = this.unclaimed.get(sessionId) ?? []
    this.unclaimed.delete(sessionId)
    this.unclaimedCount -= held.length
    for (const event of held) listener(event)
  }

  release(sessionId: string): void {
    this.listeners.delete(sessionId)
  }

  dispose(): void {
    this.unsubscribe()
    this.listeners.clear()
    this.unclaimed.clear()
  }

  private deliver(event: SessionEvent): void {
    const listener = this.listeners.get(event.sessionId)
    if (listener !== undefined) return listener(event)
    if (this.unclaimedCount >= MAX_UNCLAIMED_EVENTS) return
    const held = this.unclaimed.get(event.sessionId) ?? []
    held.push(event)
    this.unclaimed.set(event.sessionId, held)
    this.unclaimedCount += 1
  }
}
