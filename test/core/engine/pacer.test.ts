import { describe, expect, it } from 'vitest'
import { Pacer } from '../../../electron/core/engine/pacer'

// The pacer on a clock the test moves: the rate holds however late each wake-up is, and a long stall is caught up
// only up to the burst.

function pacerAt(intervalMs: number, burst?: number) {
  let now = 1000
  const pacer = new Pacer({ intervalMs, burst, now: () => now })
  return { pacer, advance: (ms: number) => (now += ms) }
}

describe('Pacer', () => {
  it('allows one send at once, then one per interval', () => {
    const { pacer, advance } = pacerAt(10)
    expect(pacer.take()).toBe(1)
    expect(pacer.take()).toBe(0)
    expect(pacer.delayMs()).toBe(10)
    advance(4)
    expect(pacer.delayMs()).toBeCloseTo(6)
    advance(6)
    expect(pacer.take()).toBe(1)
  })

  it('keeps the average rate when wake-ups come late', () => {
    const { pacer, advance } = pacerAt(1)
    let sent = pacer.take()
    for (let wakeUp = 0; wakeUp < 250; wakeUp++) {
      advance(4)
      sent += pacer.take()
    }
    expect(sent).toBe(1001)
  })

  it('catches up a stall only up to the burst', () => {
    const { pacer, advance } = pacerAt(1, 20)
    pacer.take()
    advance(10_000)
    expect(pacer.take()).toBe(20)
    expect(pacer.take()).toBe(0)
  })

  it('defaults the burst to 50 ms of sending, and to 1 for slow rates', () => {
    const fast = pacerAt(1)
    fast.pacer.take()
    fast.advance(1000)
    expect(fast.pacer.take()).toBe(50)
    const slow = pacerAt(500)
    slow.pacer.take()
    slow.advance(5000)
    expect(slow.pacer.take()).toBe(1)
  })

  it('takes no more than the limit asked for', () => {
    const { pacer, advance } = pacerAt(1)
    advance(30)
    expect(pacer.take(3)).toBe(3)
    expect(pacer.take()).toBe(28)
  })
})
