import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { provideSocketApi } from '../../renderer/src/api/provider'
import QuickSendButtons from '../../renderer/src/components/profiles/QuickSendButtons.vue'
import { profilesEn } from '../../renderer/src/components/profiles/messages'
import { i18n } from '../../renderer/src/i18n'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { fakeProfilesHost, profile } from './profiles-fake-host'

i18n.global.mergeLocaleMessage('en', { profiles: profilesEn })

const device = profile({
  name: 'Device',
  connection: { kind: 'tcp-client', host: '10.0.0.5', port: 7 },
  messages: [
    { name: 'ping', payload: 'ping', lineEnding: 'lf' },
    { name: 'magic', payload: 'de ad', encoding: 'hex' },
  ],
})
const other = profile({
  name: 'Other',
  connection: { kind: 'tcp-client', host: '10.0.0.6', port: 7 },
  messages: [{ name: 'x', payload: 'x' }],
})

describe('QuickSendButtons', () => {
  it("shows one button per saved message of the session's profile and emits the message on click", async () => {
    provideSocketApi(fakeProfilesHost([device, other]).socketApi)
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    // A session opened from the profile has the same endpoint, whatever its tuning options.
    const options = profile({
      name: 'n',
      connection: { kind: 'tcp-client', host: '10.0.0.5', port: 7, noDelay: false },
    }).connection
    const wrapper = mount(QuickSendButtons, { props: { options }, global: { plugins: [pinia, i18n] } })
    await flushPromises()

    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('Quick send')
    const buttons = wrapper.findAll('button')
    expect(buttons.map((button) => button.text())).toEqual(['ping', 'magic'])
    await buttons[1]!.trigger('click')
    expect(wrapper.emitted('send')).toEqual([[device.messages[1]]])
  })

  it('shows a message saved in two profiles of the same endpoint once', async () => {
    const copy = profile({ ...device, name: 'Device (2)' })
    const variant = profile({ ...device, name: 'Device (3)', messages: [{ name: 'ping', payload: 'PING' }] })
    provideSocketApi(fakeProfilesHost([device, copy, variant]).socketApi)
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    const wrapper = mount(QuickSendButtons, {
      props: { options: device.connection },
      global: { plugins: [pinia, i18n] },
    })
    await flushPromises()
    // The copy adds nothing; the variant's 'ping' differs (another payload), so it keeps its own button.
    expect(wrapper.findAll('button').map((button) => button.attributes('title'))).toEqual([
      'ping',
      'de ad',
      'PING',
    ])
  })

  it('renders nothing for a session without a matching profile', async () => {
    provideSocketApi(fakeProfilesHost([device]).socketApi)
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    const options = profile({ name: 'n', connection: { kind: 'udp', port: 7 } }).connection
    const wrapper = mount(QuickSendButtons, { props: { options }, global: { plugins: [pinia, i18n] } })
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('says on the button when a saved message carries a Repeat setting', async () => {
    const repeating = profile({
      name: 'Beacon',
      connection: { kind: 'udp', port: 0, remoteHost: '127.0.0.1', remotePort: 7 },
      messages: [{ name: 'beat', payload: 'hb', repeat: { everyMs: 1500, times: 0 } }],
    })
    provideSocketApi(fakeProfilesHost([repeating]).socketApi)
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    const wrapper = mount(QuickSendButtons, {
      props: { options: repeating.connection },
      global: { plugins: [pinia, i18n] },
    })
    await flushPromises()
    expect(wrapper.get('button').attributes('title')).toBe('hb\nRepeats every 1.5 s')
  })
})
