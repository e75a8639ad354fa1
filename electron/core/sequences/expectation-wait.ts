import type { Matcher, Verdict } from '../../shared/sequences'
import type { Inbox } from './inbox'
import type { WaitTimer } from './wait-timer'

/**
 * Runs a matcher against an inbox until it answers or `waitMs` passes (on the sequence's `timer`): checked at
 * once, then on every arrival and on the peer's close. Nothing sleeps: data that is already there, or arrives
 * early, ends the wait at once.
 */
export function awaitVerdict(
  inbox: Inbox,
  matcher: Matcher,
  waitMs: number,
  timer: WaitTimer,
): Promise<Verdict> {
  // Most answers are in before the expect step starts: no timer, no watcher, for those.
  const first = matcher.check(inbox.view())
  if (first.status !== 'pending') return Promise.resolve(first)
  return new Promise((resolve) => {
    const finish = (verdict: Verdict): void => {
      stopWatching()
      timer.disarm()
      resolve(verdict)
    }
    const stopWatching = inbox.onChange(() => {
      const verdict = matcher.check(inbox.view())
      if (verdict.status !== 'pending') finish(verdict)
    })
    timer.arm(waitMs, () => finish(matcher.timedOut(inbox.view(), waitMs)))
  })
}

/** Resolves true once `ready()` holds (re-checked whenever `watch` signals), false after `waitMs`. */
export function awaitCondition(
  ready: () => boolean,
  watch: (signal: () => void) => () => void,
  waitMs: number,
): Promise<boolean> {
  if (ready()) return Promise.resolve(true)
  return new Promise((resolve) => {
    const finish = (value: boolean): void => {
      stopWatching()
      clearTimeout(timer)
      resolve(value)
    }
    const stopWatching = watch(() => {
      if (ready()) finish(true)
    })
    const timer = setTimeout(() => finish(false), waitMs)
  })
}

/** A pause the file asked for (`wait: MS`). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
