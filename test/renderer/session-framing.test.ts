import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SessionFraming from '../../renderer/src/components/sessions/SessionFraming.vue'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import type { SessionInfo } from '../../electron/shared/model'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// An open session's Framing controls: filled from its options, "Apply framing" asks the host for the change and
// shows the session it answers; a field to correct or a refusal is an alert.

describe('session framing', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  function mountFor(session: SessionInfo) {
    useSessionsStore().byId[session.id] = session
    return mount(SessionFraming, { props: { session }, global: { plugins: context.plugins } })
  }

  const framingSelect = (wrapper: ReturnType<typeof mountFor>) =>
    wrapper
      .findAll('label')
      .find((label) => label.find('.field-label').text() === 'Framing')!
      .find('select')
  const textbox = (wrapper: ReturnType<typeof mountFor>, name: string) =>
    wrapper
      .findAll('label')
      .find((label) => label.find('.field-label').text() === name)!
      .find('input')
  /** "Apply framing" is the form's submit button (happy-dom does not submit on a click). */
  async function apply(wrapper: ReturnType<typeof mountFor>): Promise<void> {
    const button = wrapper.find('button[type="submit"]')
    expect(button.text()).toBe('Apply framing')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
  }

  it('sends the chosen framing and shows the session the host answers with', async () => {
    const session = sessionInfo('s1', 'tcp-server')
    const changed = sessionInfo('s1', 'tcp-server', {
      options: {
        ...session.options,
        framing: { mode: 'delimiter', delimiter: '\\n', keep: false, maxFrameBytes: 1 },
      },
    })
    context.api.setFraming.mockResolvedValue({ ok: true, value: changed })
    const wrapper = mountFor(session)
    expect(framingSelect(wrapper).element.value).toBe('none')
    await framingSelect(wrapper).setValue('delimiter')
    expect(textbox(wrapper, 'Delimiter').element.value).toBe('\\n')
    await apply(wrapper)
    expect(context.api.setFraming).toHaveBeenCalledWith({
      sessionId: 's1',
      framing: { mode: 'delimiter', delimiter: '\\n', keep: false },
    })
    expect(useSessionsStore().byId.s1?.options.framing?.mode).toBe('delimiter')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('starts from the session framing; "None" is sent as the none mode', async () => {
    const session = sessionInfo('s1', 'tcp-client', {
      options: {
        ...sessionInfo('s1', 'tcp-client').options,
        framing: { mode: 'length', field: 'u32le', offset: 4, adjust: -2, maxFrameBytes: 4096 },
      },
    })
    context.api.setFraming.mockResolvedValue({ ok: true, value: session })
    const wrapper = mountFor(session)
    expect(framingSelect(wrapper).element.value).toBe('length')
    expect(textbox(wrapper, 'Length offset').element.value).toBe('4')
    await framingSelect(wrapper).setValue('none')
    await apply(wrapper)
    expect(context.api.setFraming).toHaveBeenCalledWith({ sessionId: 's1', framing: { mode: 'none' } })
  })

  it('a field to correct is an alert and nothing is sent', async () => {
    const wrapper = mountFor(sessionInfo('s1', 'tcp-server'))
    await framingSelect(wrapper).setValue('fixed')
    await textbox(wrapper, 'Frame length').setValue('0')
    await apply(wrapper)
    expect(wrapper.find('[role="alert"]').text()).toContain('Frame length')
    expect(context.api.setFraming).not.toHaveBeenCalled()
  })

  it("the host's refusal is an alert with its code", async () => {
    context.api.setFraming.mockResolvedValue({
      ok: false,
      error: { code: 'ERR_SESSION_STATE', message: 'session s1 cannot change its framing: it is closed' },
    })
    const wrapper = mountFor(sessionInfo('s1', 'tcp-server'))
    await framingSelect(wrapper).setValue('slip')
    await apply(wrapper)
    expect(wrapper.find('[role="alert"]').text()).toContain('ERR_SESSION_STATE')
  })

  it('UDP offers only the modes that apply to one datagram', () => {
    const wrapper = mountFor(sessionInfo('s1', 'udp'))
    const modes = framingSelect(wrapper)
      .findAll('option')
      .map((option) => option.element.value)
    expect(modes).toEqual(['none', 'delimiter', 'fixed', 'length', 'slip'])
  })
})
