import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBatchPacer } from '../../renderer/src/lib/batch-pacer'

describe('createBatchPacer', () => {
  let applied: number[][]
  const pacer = () => createBatchPacer<number>((batches) => applied.push([...batches]), 100)

  beforeEach(() => {
    applied = []
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands on a batch after a quiet spell at once, in the call that brought it', () => {
    const paced = pacer()
    paced.push(1)
    expect(applied).toEqual([[1]])
    vi.advanceTimersByTime(150)
    paced.push(2)
    expect(applied).toEqual([[1], [2]])
  })

  it('holds batches that come sooner and hands them on together, in order, when the interval is up', () => {
    const paced = pacer()
    paced.push(1)
    vi.advanceTimersByTime(33)
    paced.push(2)
    vi.advanceTimersByTime(33)
    paced.push(3)
    expect(applied).toEqual([[1]])
    vi.advanceTimersByTime(33)
    expect(applied).toEqual([[1]])
    vi.advanceTimersByTime(1)
    expect(applied).toEqual([[1], [2, 3]])
  })

  it('under a steady flow hands on at most once per interval, and nothing is lost', () => {
    const paced = pacer()
    for (let batch = 1; batch <= 30; batch++) {
      paced.push(batch)
      vi.advanceTimersByTime(33)
    }
    vi.runAllTimers()
    expect(applied.length).toBeLessThanOrEqual(11)
    expect(applied.flat()).toEqual(Array.from({ length: 30 }, (_, index) => index + 1))
  })

  it('flush hands on what is waiting now and leaves no timer behind', () => {
    const paced = pacer()
    paced.push(1)
    paced.push(2)
    paced.flush()
    expect(applied).toEqual([[1], [2]])
    expect(vi.getTimerCount()).toBe(0)
    paced.flush()
    expect(applied).toEqual([[1], [2]])
  })
})
