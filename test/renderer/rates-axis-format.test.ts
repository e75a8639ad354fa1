import { describe, expect, it } from 'vitest'
import {
  WHOLE_INCREMENTS,
  clockTick,
  compactCount,
  verticalAxisWidth,
} from '../../renderer/src/components/rates/axis-format'

describe('rates chart axis labels', () => {
  it('writes a time tick as a 24-hour clock with seconds, never a date', () => {
    expect(clockTick(new Date(2026, 10, 30, 8, 3, 10).getTime() / 1000)).toBe('08:03:10')
    expect(clockTick(new Date(2026, 10, 30, 20, 59, 5).getTime() / 1000)).toBe('20:59:05')
  })

  it('shortens counts with k, M and G and at most one decimal', () => {
    expect(compactCount(0)).toBe('0')
    expect(compactCount(950)).toBe('950')
    expect(compactCount(1000)).toBe('1k')
    expect(compactCount(1500)).toBe('1.5k')
    expect(compactCount(2_500_000)).toBe('2.5M')
    expect(compactCount(3e9)).toBe('3G')
  })

  it('steps only in whole numbers', () => {
    expect(WHOLE_INCREMENTS.slice(0, 4)).toEqual([1, 2, 5, 10])
    expect(WHOLE_INCREMENTS.every(Number.isInteger)).toBe(true)
  })

  it('makes a vertical axis as wide as its widest label plus tick, gap and a pixel of clearance', () => {
    const sevenPixelsAChar = (text: string): number => text.length * 7
    expect(verticalAxisWidth(['0 msg/s', '12.5k msg/s'], sevenPixelsAChar, 10, 5)).toBe(10 + 5 + 11 * 7 + 1)
    expect(verticalAxisWidth([], sevenPixelsAChar, 10, 5)).toBe(16)
  })
})
