import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSendStore } from '../../renderer/src/stores/send'
import { sessionInfo } from './fake-api'
import { profile } from './profiles-fake-host'
import { setupRenderer } from './setup'

// Expand macros in the Send panel: a live preview of the bytes, errors at their position before anything is
// sent, and the engine doing the expanding (so the counter is the session's).

describe('Expand macros in the Send panel', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  const mountPanel = (session = sessionInfo('s', 'tcp-client')) =>
    mount(SendPanel, { props: { session }, global: { plugins: context.plugins } })

  const checkbox = (wrapper: ReturnType<typeof mountPanel>) =>
    wrapper
      .findAll('label')
      .find((label) => label.text() === 'Expand macros')!
      .get('input')

  it('previews the bytes that will go out, in hex', async () => {
    const wrapper = mountPanel()
    await wrapper.find('select').setValue('hex')
    await wrapper.find('textarea').setValue('01 03 00 00 00 0a {{crc16-modbus}}')
    expect(wrapper.find('output[aria-label="Preview"]').exists()).toBe(false)
    await checkbox(wrapper).setValue(true)
    expect(wrapper.get('output[aria-label="Preview"]').text()).toBe('01 03 00 00 00 0a c5 cd')
    expect(wrapper.text()).toContain('8 bytes')
  })

  it('shows a bad macro at its position while typing, and Send sends nothing', async () => {
    const wrapper = mountPanel()
    await checkbox(wrapper).setValue(true)
    await wrapper.find('textarea').setValue('ok\n{{u8:300}}')
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('ERR_PAYLOAD')
    expect(alert.text()).toContain('line 2, column 6')
    expect(wrapper.find('output[aria-label="Preview"]').exists()).toBe(false)
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Send')!
      .trigger('click')
    await flushPromises()
    expect(context.api.sendMessage).not.toHaveBeenCalled()
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('sends the message as typed for the engine to expand', async () => {
    context.api.sendMessage.mockResolvedValue({ ok: true, value: { bytes: 4, targets: 1 } })
    const wrapper = mountPanel()
    await checkbox(wrapper).setValue(true)
    await wrapper.find('textarea').setValue('#{{counter}}')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.sendMessage).toHaveBeenCalledWith({
      sessionId: 's',
      message: { payload: '#{{counter}}', encoding: 'text', lineEnding: 'none', expandMacros: true },
    })
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('without Expand macros, braces are plain text sent as bytes', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 11, targets: 1 } })
    const wrapper = mountPanel()
    await wrapper.find('textarea').setValue('{{counter}}')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({
      sessionId: 's',
      data: new TextEncoder().encode('{{counter}}'),
    })
    expect(context.api.sendMessage).not.toHaveBeenCalled()
  })

  it('a saved message with the flag turns Expand macros on when quick-sent', async () => {
    context.api.sendMessage.mockResolvedValue({ ok: true, value: { bytes: 3, targets: 1 } })
    const session = sessionInfo('s', 'tcp-client')
    useProfilesStore().profiles = [
      profile({
        name: 'Device',
        connection: session.options,
        messages: [{ name: 'poll', payload: 'aa {{sum8}}', encoding: 'hex', expandMacros: true }],
      }),
    ]
    const wrapper = mountPanel(session)
    await wrapper.get('[role="group"][aria-label="Quick send"] button').trigger('click')
    await flushPromises()
    expect(useSendStore('s').expandMacros).toBe(true)
    expect(context.api.sendMessage).toHaveBeenCalledWith({
      sessionId: 's',
      message: { payload: 'aa {{sum8}}', encoding: 'hex', lineEnding: 'none', expandMacros: true },
    })
  })

  it('Save message keeps the Expand macros flag', async () => {
    const profiles = useProfilesStore()
    const saveMessage = vi
      .spyOn(profiles, 'saveMessage')
      .mockResolvedValue({ ok: true, value: profile({ name: 'p', connection: { kind: 'udp' } }) })
    const wrapper = mountPanel()
    await checkbox(wrapper).setValue(true)
    await wrapper.find('textarea').setValue('{{uuid}}')
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Save message')!
      .trigger('click')
    await wrapper.get('form input[type="text"]').setValue('id')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(saveMessage).toHaveBeenCalledWith(expect.anything(), {
      name: 'id',
      payload: '{{uuid}}',
      encoding: 'text',
      lineEnding: 'none',
      expandMacros: true,
    })
  })
})
