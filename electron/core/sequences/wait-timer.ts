/**
 * The timeout of one expectation after another, on one timer per sequence. A send/expect loop would otherwise
 * create and clear a timer every round, and Node builds and tears down its list of timers of that length each
 * time. A wait re-arms the timer (refresh: the full length from now, so timeouts stay exact); a wait that ends
 * early only forgets its callback, and the timer firing later does nothing.
 */
export class WaitTimer {
  private timer: ReturnType<typeof setTimeout> | undefined
  private ms = 0
  private onTimeout: (() => void) | undefined

  arm(ms: number, onTimeout: () => void): void {
    this.onTimeout = onTimeout
    if (this.timer !== undefined && this.ms === ms) {
      this.timer.refresh()
      return
    }
    clearTimeout(this.timer)
    this.ms = ms
    this.timer = setTimeout(this.fire, ms)
  }

  disarm(): void {
    this.onTimeout = undefined
  }

  /** Ends the timer: nothing of a finished sequence keeps the process alive. */
  dispose(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.onTimeout = undefined
  }

  private readonly fire = (): void => {
    // A timer that fired is not refreshed again: the next wait starts a new one.
    this.timer = undefined
    const onTimeout = this.onTimeout
    this.onTimeout = undefined
    onTimeout?.()
  }
}
