import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WaitTimer } from '../../../electron/core/sequences/wait-timer'

// One timer per sequence for the waits of its expectations: each wait gets its full length from when it was armed,
// a wait that ended early is never called back, and a disposed timer is gone.

describe('WaitTimer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('a re-armed wait times out its full length after the re-arming, and only the current callback runs', () => {
    const timer = new WaitTimer()
    const first = vi.fn()
    const second = vi.fn()
    timer.arm(200, first)
    vi.advanceTimersByTime(150)
    timer.disarm()
    timer.arm(200, second)
    vi.advanceTimersByTime(199)
    expect(second).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(second).toHaveBeenCalledOnce()
    expect(first).not.toHaveBeenCalled()
  })

  it('a disarmed wait is not called back; the next wait after the timer fired starts a new one', () => {
    const timer = new WaitTimer()
    const ended = vi.fn()
    timer.arm(100, ended)
    timer.disarm()
    vi.advanceTimersByTime(100)
    expect(ended).not.toHaveBeenCalled()
    const next = vi.fn()
    timer.arm(100, next)
    vi.advanceTimersByTime(100)
    expect(next).toHaveBeenCalledOnce()
  })

  it('takes a new length when a wait asks for one, and leaves nothing pending once disposed', () => {
    const timer = new WaitTimer()
    const short = vi.fn()
    timer.arm(1000, vi.fn())
    timer.disarm()
    timer.arm(50, short)
    vi.advanceTimersByTime(50)
    expect(short).toHaveBeenCalledOnce()
    timer.arm(300, vi.fn())
    timer.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })
})
