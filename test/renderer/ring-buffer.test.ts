import { describe, expect, it } from 'vitest'
import { RingBuffer } from '../../renderer/src/lib/ring-buffer'

describe('RingBuffer', () => {
  it('drops the oldest item once full and reports each drop', () => {
    const ring = new RingBuffer<number>(3)
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([0, 0, 0])
    expect(ring.push(4)).toBe(1)
    expect(ring.toArray()).toEqual([2, 3, 4])
    expect(ring.at(0)).toBe(2)
    expect(ring.at(3)).toBeUndefined()
  })

  it('keeps the newest items when resized smaller', () => {
    const ring = new RingBuffer<number>(5)
    for (let n = 1; n <= 7; n++) ring.push(n)
    expect(ring.resize(2)).toBe(3)
    expect(ring.toArray()).toEqual([6, 7])
    ring.push(8)
    expect(ring.toArray()).toEqual([7, 8])
  })

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError)
  })
})
