import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ForwardGate } from '../../../electron/core/engine/relay/forward-gate'
import { noFaults, type DirectionFaults } from '../../../electron/shared'

// The gate alone, on a fake clock: jitter never reorders, a rate limit paces, a pause holds in order, and the
// datagram bound drops instead of queueing.

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const text = (data: Uint8Array): string => new TextDecoder().decode(data)

function gateWith(faults: Partial<DirectionFaults>, random: () => number, maxHeld?: number) {
  const delivered: Array<{ text: string; at: number }> = []
  const dropped: string[] = []
  const gate = new ForwardGate(
    { ...noFaults(), ...faults },
    {
      deliver: (data) => delivered.push({ text: text(data), at: performance.now() }),
      dropped: (data, reason) => dropped.push(`${text(data)} ${reason}`),
      released: () => undefined,
    },
    maxHeld,
    random,
  )
  return { gate, delivered, dropped }
}

describe('ForwardGate', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
  afterEach(() => vi.useRealTimers())

  it('passes items straight through when no fault is on', () => {
    const { gate, delivered } = gateWith({}, Math.random)
    gate.push(bytes('a'))
    expect(delivered.map((item) => item.text)).toEqual(['a'])
  })

  it('keeps the order under jitter: an item drawn a shorter wait goes after the one before it', () => {
    const draws = [1, 0, 0.5, 0]
    const { gate, delivered } = gateWith({ delayMs: 10, jitterMs: 100 }, () => draws.shift() ?? 0)
    for (const item of ['one', 'two', 'three', 'four']) gate.push(bytes(item))
    vi.advanceTimersByTime(200)
    expect(delivered.map((item) => item.text)).toEqual(['one', 'two', 'three', 'four'])
    expect(delivered[0]!.at).toBeGreaterThanOrEqual(110)
    expect(delivered.every((item, index) => index === 0 || item.at >= delivered[index - 1]!.at)).toBe(true)
  })

  it('paces a rate limit: 4 items of 100 bytes at 1,000 bytes/s take 300 ms after the first', () => {
    const { gate, delivered } = gateWith({ rateLimitBytesPerSecond: 1_000 }, Math.random)
    for (let index = 0; index < 4; index++) gate.push(new Uint8Array(100))
    vi.advanceTimersByTime(1_000)
    expect(delivered.map((item) => Math.round(item.at - delivered[0]!.at))).toEqual([0, 100, 200, 300])
  })

  it('holds everything while paused and hands it on in order once resumed', () => {
    const { gate, delivered } = gateWith({ paused: true }, Math.random)
    for (const item of ['x', 'y', 'z']) gate.push(bytes(item))
    vi.advanceTimersByTime(1_000)
    expect(delivered).toEqual([])
    expect(gate.heldBytes).toBe(3)
    gate.setFaults(noFaults())
    expect(delivered.map((item) => item.text)).toEqual(['x', 'y', 'z'])
    expect(gate.heldBytes).toBe(0)
  })

  it('drops what the drop fault draws, and past its bound drops instead of holding', () => {
    const { gate, dropped } = gateWith({ dropPercent: 50, paused: true }, () => 0.4, 2)
    gate.push(bytes('dropped by the fault'))
    expect(dropped).toEqual(['dropped by the fault fault'])
    const kept = gateWith({ paused: true }, Math.random, 2)
    kept.gate.push(bytes('ab'))
    kept.gate.push(bytes('c'))
    expect(kept.dropped).toEqual(['c held-full'])
  })
})
