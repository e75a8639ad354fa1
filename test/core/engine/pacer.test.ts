import { describe, expect, it } from 'vitest'
import { Pacer, type PacingRate } from '../../../electron/core/engine/pacer'

// The one pacer (the repeater's and the generator's) on a clock the test moves: the rate holds however late each
// wake-up is, a long stall is caught up only up to the burst, and the in-flight bound holds sends back until the
// socket completed earlier ones.

function pacerAt(
  rate: PacingRate,
  { maxInFlight = 1_000_000, burstMs }: { maxInFlight?: number; burstMs?: number } = {},
) {
  const clock = { now: 1000 }
  const pacer = new Pacer({ rate, maxInFlight, burstMs, now: () => clock.now })
  return { pacer, clock, advance: (ms: number) => (clock.now += ms) }
}

const perSecond = (perSecond: number): PacingRate => ({ unit: 'messages', perSecond })

/** Grants and settles at once on wake-ups every `stepMs` (`lateMs` later every 5th), for `durationMs`. */
function drive(
  pacer: Pacer,
  advance: (ms: number) => number,
  durationMs: number,
  stepMs: number,
  lateMs = 0,
) {
  let sent = 0
  let elapsed = 0
  for (let wakeUp = 1; elapsed < durationMs; wakeUp++) {
    const step = stepMs + (wakeUp % 5 === 0 ? lateMs : 0)
    advance(step)
    elapsed += step
    const granted = pacer.grant(10_000, 64)
    pacer.settle(granted)
    sent += granted
  }
  return sent
}

describe('Pacer: the rate', () => {
  it('allows one send at once, then one per interval (a repeat every 10 ms)', () => {
    const { pacer, advance } = pacerAt(perSecond(100))
    expect(pacer.grant(Infinity)).toBe(1)
    expect(pacer.grant(Infinity)).toBe(0)
    expect(pacer.delayMs()).toBeCloseTo(10, 5)
    advance(4)
    expect(pacer.delayMs()).toBeCloseTo(6, 5)
    advance(6)
    expect(pacer.delayMs()).toBe(0)
    expect(pacer.grant(Infinity)).toBe(1)
  })

  it('keeps the average rate when every wake-up comes late', () => {
    const { pacer, advance } = pacerAt(perSecond(1000))
    let sent = pacer.grant(Infinity)
    for (let wakeUp = 0; wakeUp < 250; wakeUp++) {
      advance(4)
      sent += pacer.grant(Infinity)
    }
    expect(sent).toBe(1001)
  })

  it('holds a message rate over coarse, irregular wake-ups without drift', () => {
    const { pacer, advance } = pacerAt(perSecond(2_000))
    const sent = drive(pacer, advance, 10_000, 1, 3)
    // 10 s at 2,000/s, whatever the wake-ups: the clock, not the count of wake-ups, decides.
    expect(Math.abs(sent - 20_000)).toBeLessThanOrEqual(2)
  })

  it('paces bits per second by message size', () => {
    const { pacer, advance } = pacerAt({ unit: 'bits', perSecond: 512_000 })
    // 64-byte messages are 512 bits: 1,000 per second.
    expect(Math.abs(drive(pacer, advance, 5_000, 2) - 5_000)).toBeLessThanOrEqual(2)
  })

  it('lets a message larger than the burst through at its own pace', () => {
    const { pacer, clock } = pacerAt({ unit: 'bits', perSecond: 8_000 }, { maxInFlight: 10, burstMs: 1 })
    // 1,000-byte messages at 8,000 bit/s: one per second, though 1 ms of burst holds only 8 bits.
    clock.now = 1_999
    expect(pacer.grant(10, 1_000)).toBe(0)
    expect(pacer.delayMs(1_000)).toBeCloseTo(1, 5)
    clock.now = 2_000
    expect(pacer.grant(10, 1_000)).toBe(1)
  })

  it('takes no more than the limit asked for', () => {
    const { pacer, advance } = pacerAt(perSecond(1000))
    advance(30)
    expect(pacer.grant(3)).toBe(3)
    expect(pacer.grant(Infinity)).toBe(28)
  })
})

describe('Pacer: the burst', () => {
  it('catches up a stall only up to the burst', () => {
    const { pacer, advance } = pacerAt(perSecond(1000), { burstMs: 20 })
    pacer.grant(1)
    advance(10_000)
    expect(pacer.grant(Infinity)).toBe(20)
    expect(pacer.grant(Infinity)).toBe(0)
  })

  it('defaults the burst to 50 ms of sending, and to one send for slow rates', () => {
    const fast = pacerAt(perSecond(1000))
    fast.pacer.grant(1)
    fast.advance(1000)
    expect(fast.pacer.grant(Infinity)).toBe(50)
    const slow = pacerAt(perSecond(2))
    slow.pacer.grant(1)
    slow.advance(5000)
    expect(slow.pacer.grant(Infinity)).toBe(1)
  })
})

describe('Pacer: sends in flight', () => {
  it('never has more than maxInFlight sends out, with or without a rate', () => {
    const { pacer } = pacerAt({ unit: 'unlimited' }, { maxInFlight: 8 })
    expect(pacer.grant(100, 64)).toBe(8)
    expect(pacer.full).toBe(true)
    expect(pacer.grant(100, 64)).toBe(0)
    pacer.settle(3)
    expect(pacer.inFlight).toBe(5)
    expect(pacer.full).toBe(false)
    expect(pacer.grant(100, 64)).toBe(3)
    expect(pacer.delayMs(64)).toBe(0)
  })

  it('holds a due send back until the one in flight settles (the repeater’s backpressure)', () => {
    const { pacer, advance } = pacerAt(perSecond(1000), { maxInFlight: 1 })
    expect(pacer.grant(1)).toBe(1)
    advance(10)
    // Sends are due, but the socket has not completed the last one: nothing is granted, and no tokens are spent.
    expect(pacer.grant(1)).toBe(0)
    expect(pacer.full).toBe(true)
    pacer.settle()
    expect(pacer.grant(1)).toBe(1)
    pacer.settle()
    expect(pacer.grant(1)).toBe(1)
  })

  it('does not let settling more than was granted open extra places', () => {
    const { pacer } = pacerAt({ unit: 'unlimited' }, { maxInFlight: 2 })
    pacer.grant(2)
    pacer.settle(5)
    expect(pacer.inFlight).toBe(0)
    expect(pacer.grant(10)).toBe(2)
  })
})

describe('Pacer: settings', () => {
  it('refuses settings that cannot pace', () => {
    expect(() => new Pacer({ rate: perSecond(0), maxInFlight: 1 })).toThrow(RangeError)
    expect(() => new Pacer({ rate: perSecond(Number.NaN), maxInFlight: 1 })).toThrow(RangeError)
    expect(() => new Pacer({ rate: perSecond(Infinity), maxInFlight: 1 })).toThrow(RangeError)
    expect(() => new Pacer({ rate: { unit: 'unlimited' }, maxInFlight: 0 })).toThrow(RangeError)
  })
})
