/**
 * The `{{counter}}` of each session: 1 for its first expanded send, then 2, 3, … Single sends, the repeater (and
 * auto-reply replies) take from the same counter, so it counts every expanded send of the session.
 */
export class SessionCounters {
  private readonly counters = new Map<string, number>()

  next(sessionId: string): number {
    const counter = (this.counters.get(sessionId) ?? 0) + 1
    this.counters.set(sessionId, counter)
    return counter
  }

  /** The session closed: its counter goes, so the map holds only open sessions. */
  forget(sessionId: string): void {
    this.counters.delete(sessionId)
  }
}
