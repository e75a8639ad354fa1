import { describe, expect, it } from 'vitest'
import { TokenBucket, type PacingRate } from '../../../electron/core/generator/token-bucket'

/** A bucket on a hand-driven clock. */
function bucket(rate: PacingRate, maxInFlight = 1_000_000, burstMs?: number) {
  const clock = { now: 0 }
  const pacer = new TokenBucket({ rate, maxInFlight, burstMs, now: () => clock.now })
  return { pacer, clock }
}

/** Grants and settles at once on ticks of `stepMs` (with `lateMs` of timer lateness every 5th tick). */
function drive(pacer: TokenBucket, clock: { now: number }, durationMs: number, stepMs: number, lateMs = 0) {
  let sent = 0
  let tick = 0
  while (clock.now < durationMs) {
    tick += 1
    clock.now += stepMs + (tick % 5 === 0 ? lateMs : 0)
    const granted = pacer.grant(64, 10_000)
    pacer.settle(granted)
    sent += granted
  }
  return sent
}

describe('TokenBucket', () => {
  it('holds a message rate over coarse, late timers without drift', () => {
    const { pacer, clock } = bucket({ unit: 'messages', perSecond: 2_000 })
    const sent = drive(pacer, clock, 10_000, 1, 3)
    // 10 s at 2,000/s, whatever the tick: the clock, not the count of ticks, decides.
    expect(Math.abs(sent - 20_000)).toBeLessThanOrEqual(2)
  })

  it('paces bits per second by message size', () => {
    const { pacer, clock } = bucket({ unit: 'bits', perSecond: 512_000 })
    // 64-byte messages are 512 bits: 1,000 per second.
    expect(Math.abs(drive(pacer, clock, 5_000, 2) - 5_000)).toBeLessThanOrEqual(2)
  })

  it('lets a message larger than the burst through at its own pace', () => {
    const { pacer, clock } = bucket({ unit: 'bits', perSecond: 8_000 }, 10, 1)
    // 1,000-byte messages at 8,000 bit/s: one per second, though 1 ms of burst holds only 8 bits.
    clock.now = 999
    expect(pacer.grant(1_000, 10)).toBe(0)
    expect(pacer.delayMs(1_000)).toBeCloseTo(1, 5)
    clock.now = 1_000
    expect(pacer.grant(1_000, 10)).toBe(1)
  })

  it('sends the first message at once and says how long until the next', () => {
    const { pacer, clock } = bucket({ unit: 'messages', perSecond: 100 })
    expect(pacer.grant(64, 10)).toBe(1)
    expect(pacer.grant(64, 10)).toBe(0)
    expect(pacer.delayMs(64)).toBeCloseTo(10, 5)
    clock.now = 10
    expect(pacer.delayMs(64)).toBe(0)
  })

  it('loses a stall longer than the burst instead of sending it at once', () => {
    const { pacer, clock } = bucket({ unit: 'messages', perSecond: 1_000 }, 1_000_000, 50)
    pacer.grant(64, 1)
    clock.now = 5_000
    expect(pacer.grant(64, 100_000)).toBe(50)
  })

  it('never has more than maxInFlight messages out, with or without a rate', () => {
    const { pacer } = bucket({ unit: 'unlimited' }, 8)
    expect(pacer.grant(64, 100)).toBe(8)
    expect(pacer.full).toBe(true)
    expect(pacer.grant(64, 100)).toBe(0)
    pacer.settle(3)
    expect(pacer.inFlight).toBe(5)
    expect(pacer.grant(64, 100)).toBe(3)
    expect(pacer.delayMs(64)).toBe(0)
  })

  it('refuses settings that cannot pace', () => {
    expect(() => new TokenBucket({ rate: { unit: 'messages', perSecond: 0 }, maxInFlight: 1 })).toThrow(
      RangeError,
    )
    expect(() => new TokenBucket({ rate: { unit: 'unlimited' }, maxInFlight: 0 })).toThrow(RangeError)
  })
})
