import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSendStore } from '../../renderer/src/stores/send'
import { sessionInfo } from './fake-api'
import { profile } from './profiles-fake-host'
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

  it("a quick-send message with a Repeat setting (Packet Sender's repeat) starts repeating at its interval", async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 2, targets: 1 } })
    const session = sessionInfo('s', 'tcp-client')
    useProfilesStore().profiles = [
      profile({
        name: 'Beacon',
        connection: session.options,
        messages: [{ name: 'beat', payload: 'hb', repeat: { everyMs: 1500, times: 0 } }],
      }),
    ]
    const wrapper = mount(SendPanel, { props: { session }, global: { plugins: context.plugins } })
    await wrapper.get('[role="group"][aria-label="Quick send"] button').trigger('click')
    await flushPromises()
    const send = useSendStore('s')
    expect(send.repeating).toBe(true)
    expect(send.repeatEvery).toBe('1500')
    expect(context.api.send).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1500)
    expect(context.api.send).toHaveBeenCalledTimes(2)
    send.stopRepeat()
  })
})
