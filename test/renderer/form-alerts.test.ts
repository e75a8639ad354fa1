import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import NewSessionForm from '../../renderer/src/components/session-form/NewSessionForm.vue'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// Issue 14: "form alerts stay after the user moved on and the bad field is not marked (aria-invalid, focus)".

/** The text input labelled exactly `name`. */
function field(wrapper: VueWrapper, name: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.find('span').text() === name)
  if (!label) throw new Error(`no field labelled ${name}`)
  return label.find('input')
}

const button = (wrapper: VueWrapper, name: string) =>
  wrapper.findAll('button').find((candidate) => candidate.text() === name)!

describe('form alerts', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  it('marks and focuses the refused field of New session, and drops the alert once it is changed', async () => {
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins }, attachTo: document.body })
    await field(wrapper, 'Remote port').setValue('70000')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[role="alert"]').text()).toContain('Remote port must be a whole number')
    const port = field(wrapper, 'Remote port')
    expect(port.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(port.element)
    expect(field(wrapper, 'Remote host').attributes('aria-invalid')).toBeUndefined()

    await port.setValue('7000')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(port.attributes('aria-invalid')).toBeUndefined()
    expect(context.api.openSession).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('drops a host refusal of New session once the user changes the form', async () => {
    context.api.openSession.mockResolvedValue({
      ok: false,
      error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    })
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    await field(wrapper, 'Remote port').setValue('9')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('ECONNREFUSED')
    await field(wrapper, 'Remote port').setValue('10')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('marks and focuses a refused UDP destination port, and drops the alert once it is changed', async () => {
    const wrapper = mount(SendPanel, {
      props: { session: sessionInfo('u', 'udp') },
      global: { plugins: context.plugins },
      attachTo: document.body,
    })
    await field(wrapper, 'Remote host').setValue('127.0.0.1')
    await field(wrapper, 'Remote port').setValue('0')
    await wrapper.get('textarea').setValue('hello')
    await button(wrapper, 'Send').trigger('click')
    await flushPromises()

    const port = field(wrapper, 'Remote port')
    expect(wrapper.get('[role="alert"]').text()).toContain('Remote port')
    expect(port.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(port.element)
    await port.setValue('9')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(port.attributes('aria-invalid')).toBeUndefined()
    wrapper.unmount()
  })

  it('focuses the message box that holds bad hex', async () => {
    const wrapper = mount(SendPanel, {
      props: { session: sessionInfo('c', 'tcp-client') },
      global: { plugins: context.plugins },
      attachTo: document.body,
    })
    await wrapper.find('select').setValue('hex')
    await wrapper.get('textarea').setValue('de ad b')
    await button(wrapper, 'Send').trigger('click')
    await flushPromises()
    expect(wrapper.get('textarea').attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(wrapper.get('textarea').element)
    wrapper.unmount()
  })

  it('marks and focuses a refused Repeat interval, and drops the alert once it is changed', async () => {
    const wrapper = mount(SendPanel, {
      props: { session: sessionInfo('c', 'tcp-client') },
      global: { plugins: context.plugins },
      attachTo: document.body,
    })
    await wrapper.get('textarea').setValue('ping')
    const every = field(wrapper, 'every')
    // Repeat runs in the engine down to 1 ms: 0 is the interval it refuses.
    await every.setValue('0')
    await button(wrapper, 'Start repeating').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('interval')
    expect(every.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(every.element)
    await every.setValue('100')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
