import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OwnErrorCode, type CodedError } from '../../../electron/shared'
import { PendingReplies } from '../../../electron/core/engine/auto-reply/pending-replies'

// Delayed auto-replies wait on timers: bounded in number (a flood of matches with a long delay must not grow
// without bound), reported once per flood, all cancelled when the session ends.

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('PendingReplies', () => {
  it('sends each reply after its delay', () => {
    const pending = new PendingReplies('s1', 4)
    const sent: string[] = []
    pending.later(
      50,
      () => sent.push('a'),
      () => undefined,
    )
    pending.later(
      10,
      () => sent.push('b'),
      () => undefined,
    )
    vi.advanceTimersByTime(10)
    expect(sent).toEqual(['b'])
    vi.advanceTimersByTime(40)
    expect(sent).toEqual(['b', 'a'])
    expect(pending.size).toBe(0)
  })

  it('drops replies past its maximum, reporting once per flood', () => {
    const pending = new PendingReplies('s1', 2)
    const reports: CodedError[] = []
    const sent: number[] = []
    for (let index = 0; index < 5; index++)
      pending.later(
        100,
        () => sent.push(index),
        (error) => reports.push(error),
      )
    expect(pending.size).toBe(2)
    expect(reports.map((error) => error.code)).toEqual([OwnErrorCode.replyBacklog])
    expect(reports[0]!.message).toBe(
      '2 delayed auto-replies are already waiting; replies are dropped until some are sent',
    )
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([0, 1])
    // Room again: the next flood is reported again.
    for (let index = 0; index < 3; index++)
      pending.later(
        100,
        () => undefined,
        (error) => reports.push(error),
      )
    expect(reports).toHaveLength(2)
  })

  it('cancels every waiting reply', () => {
    const pending = new PendingReplies('s1')
    const sent: string[] = []
    pending.later(
      1_000,
      () => sent.push('late'),
      () => undefined,
    )
    pending.cancelAll()
    vi.advanceTimersByTime(2_000)
    expect(sent).toEqual([])
    expect(pending.size).toBe(0)
  })
})
