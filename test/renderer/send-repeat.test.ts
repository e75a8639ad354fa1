import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useSendStore } from '../../renderer/src/stores/send'
import { setupRenderer } from './setup'

describe('repeated sends', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
    vi.useFakeTimers()
    return () => vi.useRealTimers()
  })

  it('refuses an interval under the repeat-rate limit with a clear error, and sends nothing', () => {
    const send = useSendStore('s')
    send.draft = 'ping'
    send.repeatEvery = '1'
    expect(send.startRepeat({ sessionId: 's' })).toBe(false)
    expect(send.repeatError).toBe('The interval must be a whole number of milliseconds from 10 to 3600000.')
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('sends the given number of times at the interval, counting each', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 4, targets: 1 } })
    const send = useSendStore('s')
    send.draft = 'ping'
    send.repeatEvery = '10'
    send.repeatTimes = '3'
    expect(send.startRepeat({ sessionId: 's' })).toBe(true)
    for (let i = 0; i < 3; i++) {
      await flushPromises()
      await vi.advanceTimersByTimeAsync(10)
    }
    expect(context.api.send).toHaveBeenCalledTimes(3)
    expect(send.repeatCount).toBe(3)
    expect(send.repeating).toBe(false)
  })
})
