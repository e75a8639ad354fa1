import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { inOwnFrame } from '../../renderer/src/lib/frame-queue'
import { useFakeTimersWithFrames } from './fake-frames'

describe('inOwnFrame', () => {
  beforeEach(useFakeTimersWithFrames)
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs redraws that fall due together in frames of their own, in the order they came', () => {
    const ran: string[] = []
    for (const name of ['log', 'timeline', 'chart']) inOwnFrame(() => ran.push(name))
    vi.advanceTimersToNextFrame()
    expect(ran).toEqual(['log'])
    vi.advanceTimersToNextFrame()
    expect(ran).toEqual(['log', 'timeline'])
    vi.advanceTimersToNextFrame()
    expect(ran).toEqual(['log', 'timeline', 'chart'])
  })

  it('a redraw taken back never runs, and the next one does not wait for it', () => {
    const ran: string[] = []
    const cancel = inOwnFrame(() => ran.push('gone'))
    inOwnFrame(() => ran.push('kept'))
    cancel()
    vi.advanceTimersToNextFrame()
    expect(ran).toEqual(['kept'])
    vi.advanceTimersToNextFrame()
    expect(ran).toEqual(['kept'])
  })
})
