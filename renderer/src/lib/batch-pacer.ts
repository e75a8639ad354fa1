/**
 * Event batches handed on at most once per `intervalMs`. The host sends a batch every 33 ms under a flood, and
 * each one applied redraws the counters, the session list and whatever else shows them, thirty times a second
 * where nobody reads faster than ten. Taken in every 100 ms, the UDP flood of `npm run bench` cost the page's main
 * thread about a fifth less time and the display compositor half.
 * A batch after a quiet spell is handed on at once, in the call that brought it; batches that come sooner wait
 * and are handed on together, in order, when the interval is up. Nothing is dropped or merged.
 */
export interface BatchPacer<T> {
  push(batch: T): void
  /** Hands on what is waiting, now, and stops the timer. */
  flush(): void
}

export function createBatchPacer<T>(
  apply: (batches: readonly T[]) => void,
  intervalMs: number,
): BatchPacer<T> {
  let waiting: T[] = []
  let lastApplied = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined

  function flush(): void {
    clearTimeout(timer)
    timer = undefined
    if (waiting.length === 0) return
    const batches = waiting
    waiting = []
    lastApplied = performance.now()
    apply(batches)
  }

  function push(batch: T): void {
    waiting.push(batch)
    if (timer !== undefined) return
    const wait = lastApplied + intervalMs - performance.now()
    if (wait <= 0) flush()
    else timer = setTimeout(flush, wait)
  }

  return { push, flush }
}
