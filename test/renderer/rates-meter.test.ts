import { describe, expect, it } from 'vitest'
import {
  RateMeter,
  describeRates,
  formatBytes,
  ratesBetween,
  type CounterSample,
} from '../../electron/shared/rates'

const counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 }
const at = (time: number, values: Partial<typeof counters> = {}): CounterSample => ({
  ...counters,
  ...values,
  time,
})

describe('rates from counter snapshots', () => {
  it('divides each counter delta by the seconds between snapshots', () => {
    const rates = ratesBetween(
      at(1_000, { bytesIn: 100, bytesOut: 50, messagesIn: 1, messagesOut: 2 }),
      at(1_500, { bytesIn: 1_100, bytesOut: 50, messagesIn: 11, messagesOut: 4 }),
    )
    expect(rates).toEqual({
      bytesInPerSecond: 2_000,
      bytesOutPerSecond: 0,
      messagesInPerSecond: 20,
      messagesOutPerSecond: 4,
    })
  })

  it('gives zero for a counter that went down and for an interval that is not positive', () => {
    expect(ratesBetween(at(0, { bytesIn: 500 }), at(1_000, { bytesIn: 10 })).bytesInPerSecond).toBe(0)
    expect(ratesBetween(at(1_000, { bytesIn: 0 }), at(1_000, { bytesIn: 10 })).bytesInPerSecond).toBe(0)
  })

  it('keeps a bounded history aligned for the chart and falls to zero when traffic stops', () => {
    const meter = new RateMeter(3)
    expect(meter.sample({ ...counters, bytesIn: 1_000 }, 0).bytesInPerSecond).toBe(0)
    expect(meter.sample({ ...counters, bytesIn: 3_000 }, 1_000).bytesInPerSecond).toBe(2_000)
    expect(meter.sample({ ...counters, bytesIn: 3_000 }, 2_000).bytesInPerSecond).toBe(0)
    meter.sample({ ...counters, bytesIn: 4_024 }, 3_000)
    const [time, bytesIn, bytesOut] = meter.history
    expect(time).toEqual([1, 2, 3])
    expect(bytesIn).toEqual([2_000, 0, 1_024])
    expect(bytesOut).toEqual([0, 0, 0])
    expect(meter.rates.bytesInPerSecond).toBe(1_024)
  })

  it('counts over the last second: one 10-byte send sampled every 500 ms is 10 B/s and 1 msg/s', () => {
    const meter = new RateMeter()
    meter.sample(counters, 0)
    const sent = { ...counters, bytesOut: 10, messagesOut: 1 }
    expect(meter.sample(sent, 500)).toMatchObject({ bytesOutPerSecond: 10, messagesOutPerSecond: 1 })
    expect(meter.sample(sent, 1_000)).toMatchObject({ bytesOutPerSecond: 10, messagesOutPerSecond: 1 })
    // A second after the send it has left the window.
    expect(meter.sample(sent, 1_500)).toMatchObject({ bytesOutPerSecond: 0, messagesOutPerSecond: 0 })
  })

  it('keeps steady traffic at its true rate when sampled every 500 ms', () => {
    const meter = new RateMeter()
    for (let step = 0; step <= 6; step++) {
      const rates = meter.sample({ ...counters, bytesIn: step * 100, messagesIn: step }, step * 500)
      if (step >= 2) expect(rates).toMatchObject({ bytesInPerSecond: 200, messagesInPerSecond: 2 })
    }
  })

  it('reads as one sentence with binary units and whole message counts', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1_536)).toBe('1.5 KiB')
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GiB')
    const text = describeRates({
      bytesInPerSecond: 1_048_576,
      bytesOutPerSecond: 10,
      messagesInPerSecond: 12_345.4,
      messagesOutPerSecond: 1,
    })
    expect(text).toBe('In: 1 MiB/s, 12,345 msg/s. Out: 10 B/s, 1 msg/s.')
  })
})
