import type { DirectionFaults } from '../../../shared'
import { eventTime } from '../event-sequencer'
import { planFaults, type FaultPlan } from './fault-effects'

interface HeldItem {
  data: Uint8Array
  /** eventTime() at which the item may go. */
  dueAt: number
}

export interface GateHooks {
  /** Hands one item on (writes it to the far socket). */
  deliver(data: Uint8Array): void
  /** An item not forwarded: the drop fault took it, `maxHeldBytes` already waited, or it drew a reset (streams). */
  dropped(data: Uint8Array, reason: 'fault' | 'held-full' | 'reset'): void
  /** The gate let go of held bytes: the owner may resume reading. */
  released(): void
}

/**
 * One direction of a relay: what arrives is handed on in order, after the direction's faults (delay, jitter,
 * rate limit, pause, drop). With no fault on and nothing waiting an item goes straight through. What waits is
 * counted in `heldBytes`: a byte stream's owner stops reading past its limit (backpressure), a datagram
 * relay refuses items past it (they are reported as dropped).
 */
export class ForwardGate {
  private plan: FaultPlan
  private readonly held: HeldItem[] = []
  private heldByteCount = 0
  /** Items do not go before this time, so a jittered item never overtakes the one before it. */
  private lastDueAt = 0
  /** The rate limit's next free moment. */
  private paceReadyAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  /** Closed for a reason of the owner's (a UDP upstream socket still opening); items wait. */
  private blocked = false
  private ended = false
  private onDrained: (() => void) | undefined

  constructor(
    faults: DirectionFaults,
    private readonly hooks: GateHooks,
    /** Datagrams: past this many waiting bytes an item is dropped. Streams leave it out and stop reading instead. */
    private readonly maxHeldBytes = Number.POSITIVE_INFINITY,
    private readonly random: () => number = Math.random,
  ) {
    this.plan = planFaults(faults, random)
  }

  get heldBytes(): number {
    return this.heldByteCount
  }

  setFaults(faults: DirectionFaults): void {
    this.plan = planFaults(faults, this.random)
    this.pump()
  }

  setBlocked(blocked: boolean): void {
    this.blocked = blocked
    this.pump()
  }

  push(data: Uint8Array): void {
    if (this.ended) return
    if (!this.plan.idle && this.plan.drops()) {
      this.hooks.dropped(data, 'fault')
      return
    }
    if (!this.plan.idle && this.plan.resets()) {
      this.hooks.dropped(data, 'reset')
      return
    }
    if (this.plan.idle && this.held.length === 0 && !this.blocked) {
      this.hooks.deliver(data)
      return
    }
    if (this.heldByteCount + data.byteLength > this.maxHeldBytes) {
      this.hooks.dropped(data, 'held-full')
      return
    }
    const now = eventTime()
    const dueAt = Math.max(now + this.plan.delayMs(), this.lastDueAt)
    this.lastDueAt = dueAt
    this.held.push({ data, dueAt })
    this.heldByteCount += data.byteLength
    this.pump()
  }

  /** Calls `then` once everything held has been handed on (at once when nothing waits). */
  whenDrained(then: () => void): void {
    if (this.held.length === 0) then()
    else this.onDrained = then
  }

  /** Forgets what is held and stops the timer: the far socket is gone. */
  dispose(): void {
    this.ended = true
    clearTimeout(this.timer)
    this.timer = undefined
    this.held.length = 0
    this.heldByteCount = 0
    this.onDrained = undefined
  }

  private pump(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.ended) return
    let released = false
    while (this.held.length > 0 && !this.blocked && !this.plan.holds) {
      const head = this.held[0]!
      const now = eventTime()
      const goesAt = Math.max(head.dueAt, this.paceReadyAt)
      if (goesAt > now) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(goesAt - now))
        break
      }
      this.held.shift()
      this.heldByteCount -= head.data.byteLength
      if (this.plan.bytesPerSecond > 0) {
        this.paceReadyAt =
          Math.max(this.paceReadyAt, now) + (head.data.byteLength * 1000) / this.plan.bytesPerSecond
      }
      released = true
      this.hooks.deliver(head.data)
    }
    if (this.held.length === 0) {
      // Nothing waits: a later item must not wait for an earlier, now gone, due time.
      this.lastDueAt = 0
      const drained = this.onDrained
      this.onDrained = undefined
      drained?.()
    }
    if (released) this.hooks.released()
  }
}
