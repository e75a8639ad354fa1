// Generators share the engine's event loop with every other session. Each sends only in a turn: one setImmediate
// callback per pass of the loop, after that pass's I/O callbacks, in which the generators that have something due
// share one time budget. Two generators flat out then hold the loop no longer than one does, and the sockets of
// other sessions are read and answered between two turns (the generator-isolation benchmark measures it).

/**
 * Sending time per turn of the event loop, for all generators together: what another session's request may wait.
 * A request sent right before a turn waits for all of it, so the turn must stay short beside a loaded round trip:
 * on a machine where that is 0.06 ms, 0.2 ms turns made it 3–4× (1 ms had made it 6× on a slower one); 0.05 ms
 * keeps it within 1.5× and costs the UDP generator a point or two of throughput.
 */
export const TURN_MS = 0.05

/** A generator's part of a turn: it sends until performance.now() reaches `endsAt` (at least one batch). */
export type TurnTaker = (endsAt: number) => void

export class SendTurns {
  private waiting: TurnTaker[] = []
  private next: ReturnType<typeof setImmediate> | undefined

  constructor(private readonly turnMs = TURN_MS) {}

  /** `taker` sends in the next turn (once, however often it asks before then). */
  request(taker: TurnTaker): void {
    if (!this.waiting.includes(taker)) this.waiting.push(taker)
    this.next ??= setImmediate(this.turn)
  }

  /** `taker` no longer wants the turn it asked for. */
  cancel(taker: TurnTaker): void {
    const at = this.waiting.indexOf(taker)
    if (at !== -1) this.waiting.splice(at, 1)
    if (this.waiting.length === 0 && this.next !== undefined) {
      clearImmediate(this.next)
      this.next = undefined
    }
  }

  private readonly turn = (): void => {
    this.next = undefined
    const endsAt = performance.now() + this.turnMs
    const due = this.waiting
    this.waiting = []
    let served = 0
    while (served < due.length && (served === 0 || performance.now() < endsAt)) due[served++]!(endsAt)
    // Those the budget did not reach go first next turn, before those that had theirs and asked again.
    this.waiting = [...due.slice(served), ...this.waiting]
    if (this.waiting.length > 0) this.next ??= setImmediate(this.turn)
  }
}

/** The engine's one schedule of generator turns. */
export const sendTurns = new SendTurns()
