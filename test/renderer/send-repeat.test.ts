import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RepeatStatus } from '../../electron/shared/message-requests'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSendStore } from '../../renderer/src/stores/send'
import { sessionInfo } from './fake-api'
import { profile } from './profiles-fake-host'
import { setupRenderer } from './setup'

// Repeat runs in the engine: the panel starts it with one request, shows the progress the engine reports, and
// asks it to stop. These pin that thin-client contract against a fake host.

const status = (overrides: Partial<RepeatStatus>): RepeatStatus => ({
  sessionId: 's',
  state: 'running',
  sent: 0,
  times: 3,
  remaining: 3,
  everyMs: 10,
  startedAt: 0,
  ...overrides,
})

describe('repeated sends', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
    vi.useFakeTimers()
    return () => vi.useRealTimers()
  })

  it('refuses an interval outside the engine repeater limits with a clear error, and starts nothing', async () => {
    const send = useSendStore('s')
    send.draft = 'ping'
    send.repeatEvery = '0'
    expect(await send.startRepeat({ sessionId: 's' })).toBe(false)
    expect(send.repeatError).toBe('The interval must be a whole number of milliseconds from 1 to 3600000.')
    expect(context.api.repeatStart).not.toHaveBeenCalled()
    send.repeatEvery = '10'
    send.repeatTimes = '-1'
    expect(await send.startRepeat({ sessionId: 's' })).toBe(false)
    expect(send.repeatError).toBe('The count must be a whole number from 0 to 1000000.')
  })

  it('starts one engine repeat with the message as typed, and shows its progress until it is done', async () => {
    context.api.repeatStart.mockResolvedValue({ ok: true, value: status({}) })
    context.api.repeatStatus
      .mockResolvedValueOnce({ ok: true, value: status({ sent: 2, remaining: 1 }) })
      .mockResolvedValueOnce({ ok: true, value: status({ state: 'done', sent: 3, remaining: 0 }) })
    const send = useSendStore('s')
    send.draft = 'n={{counter}}'
    send.expandMacros = true
    send.repeatEvery = '10'
    send.repeatTimes = '3'
    expect(await send.startRepeat({ sessionId: 's' })).toBe(true)
    expect(context.api.repeatStart).toHaveBeenCalledWith({
      sessionId: 's',
      message: { payload: 'n={{counter}}', encoding: 'text', lineEnding: 'none', expandMacros: true },
      everyMs: 10,
      times: 3,
    })
    expect(send.repeating).toBe(true)
    await vi.advanceTimersByTimeAsync(250)
    expect(send.repeatCount).toBe(2)
    expect(send.repeating).toBe(true)
    await vi.advanceTimersByTimeAsync(250)
    expect(send.repeatCount).toBe(3)
    expect(send.repeating).toBe(false)
    await vi.advanceTimersByTimeAsync(1000)
    expect(context.api.repeatStatus).toHaveBeenCalledTimes(2)
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('Stop asks the engine to stop and shows where it stopped', async () => {
    context.api.repeatStart.mockResolvedValue({ ok: true, value: status({ times: 0, remaining: null }) })
    context.api.repeatStop.mockResolvedValue({ ok: true, value: status({ state: 'stopped', sent: 41 }) })
    const send = useSendStore('s')
    send.draft = 'ping'
    send.repeatTimes = '0'
    await send.startRepeat({ sessionId: 's' })
    await send.stopRepeat()
    expect(context.api.repeatStop).toHaveBeenCalledWith({ sessionId: 's' })
    expect(send.repeating).toBe(false)
    expect(send.repeatCount).toBe(41)
  })

  it('a repeat that fails in the engine shows its error', async () => {
    context.api.repeatStart.mockResolvedValue({ ok: true, value: status({}) })
    const error = { code: 'ERR_NO_CLIENTS', message: 'no client is connected; nothing was sent' }
    context.api.repeatStatus.mockResolvedValue({ ok: true, value: status({ state: 'failed', error }) })
    const send = useSendStore('s')
    send.draft = 'ping'
    await send.startRepeat({ sessionId: 's' })
    await vi.advanceTimersByTimeAsync(250)
    expect(send.repeating).toBe(false)
    expect(send.sendError).toEqual(error)
  })

  it('a bad template is refused in the panel with its position; nothing is asked of the engine', async () => {
    const send = useSendStore('s')
    send.draft = 'x {{nope}}'
    send.expandMacros = true
    expect(await send.startRepeat({ sessionId: 's' })).toBe(false)
    expect(send.inputError?.message).toBe('unknown macro {{nope}} at column 3')
    expect(context.api.repeatStart).not.toHaveBeenCalled()
  })

  it("a quick-send message with a Repeat setting (Packet Sender's repeat) starts the engine repeat", async () => {
    context.api.repeatStart.mockResolvedValue({ ok: true, value: status({ times: 0, remaining: null }) })
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
    expect(context.api.repeatStart).toHaveBeenCalledWith({
      sessionId: 's',
      message: { payload: 'hb', encoding: 'text', lineEnding: 'none', expandMacros: false },
      everyMs: 1500,
      times: 0,
    })
    context.api.repeatStop.mockResolvedValue({ ok: true, value: null })
    await send.stopRepeat()
  })
})
