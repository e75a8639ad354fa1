import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { provideSocketApi } from '../../renderer/src/api/provider'
import { profilesEn } from '../../renderer/src/components/profiles/messages'
import QuickSendButtons from '../../renderer/src/components/profiles/QuickSendButtons.vue'
import SaveMessageForm from '../../renderer/src/components/send/SaveMessageForm.vue'
import { i18n } from '../../renderer/src/i18n'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSendStore } from '../../renderer/src/stores/send'
import { fakeProfilesHost, profile } from './profiles-fake-host'

i18n.global.mergeLocaleMessage('en', { profiles: profilesEn })

const device = profile({
  name: 'Device',
  connection: { kind: 'tcp-client', host: '10.0.0.5', port: 7 },
  messages: [{ name: 'ping', payload: 'ping', lineEnding: 'lf' }],
})
/** A session's options as the host reports them: defaults filled in. */
const sessionOptions = (connection: Parameters<typeof profile>[0]['connection']) =>
  profile({ name: 'n', connection }).connection

describe('saving the typed message for quick send', () => {
  let host: ReturnType<typeof fakeProfilesHost>
  beforeEach(async () => {
    host = fakeProfilesHost([device])
    provideSocketApi(host.socketApi)
    setActivePinia(createPinia())
    await useProfilesStore().refresh()
  })

  it("adds it to the session's profile, replacing a message of the same name and keeping the rest", async () => {
    const store = useProfilesStore()
    const options = sessionOptions({ kind: 'tcp-client', host: '10.0.0.5', port: 7, noDelay: false })
    const added = await store.saveMessage(options, {
      name: 'magic',
      payload: 'de ad',
      encoding: 'hex',
      lineEnding: 'none',
    })
    expect(added.ok).toBe(true)
    const replaced = await store.saveMessage(options, {
      name: 'ping',
      payload: 'PING',
      encoding: 'text',
      lineEnding: 'crlf',
    })
    expect(replaced.ok).toBe(true)
    expect(store.profiles).toHaveLength(1)
    expect(store.profiles[0]!.messages).toEqual([
      { name: 'ping', payload: 'PING', encoding: 'text', lineEnding: 'crlf' },
      { name: 'magic', payload: 'de ad', encoding: 'hex', lineEnding: 'none' },
    ])
    expect(store.profiles[0]!.connection).toEqual(device.connection)
  })

  it('creates a profile named after the endpoint when the session has none', async () => {
    const store = useProfilesStore()
    const options = sessionOptions({ kind: 'udp', port: 5000, host: '127.0.0.1' })
    const result = await store.saveMessage(options, {
      name: 'hello',
      payload: 'hi',
      encoding: 'text',
      lineEnding: 'none',
    })
    expect(result).toMatchObject({ ok: true, value: { name: '127.0.0.1:5000' } })
    expect(store.profiles.map((saved) => saved.name)).toEqual(['Device', '127.0.0.1:5000'])
    expect(store.profiles[1]!.messages.map((message) => message.name)).toEqual(['hello'])
  })

  it('is offered in the send panel: the message typed becomes a quick-send button', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    const send = useSendStore('s')
    const options = sessionOptions({ kind: 'tcp-client', host: '10.0.0.5', port: 7 })
    const form = mount(SaveMessageForm, {
      props: { sessionId: 's', options },
      global: { plugins: [pinia, i18n] },
    })
    const buttons = mount(QuickSendButtons, { props: { options }, global: { plugins: [pinia, i18n] } })
    const saveButton = () => form.findAll('button').find((button) => button.text() === 'Save message')!
    expect(saveButton().attributes('disabled')).toBeDefined()

    send.draft = 'status?\\r'
    await flushPromises()
    await saveButton().trigger('click')
    await form.get('input').setValue('status')
    await form.get('form').trigger('submit')
    await flushPromises()

    expect(form.get('[role="status"]').text()).toContain('Saved “status” in profile “Device”')
    expect(buttons.findAll('button').map((button) => button.text())).toEqual(['ping', 'status'])
    expect(host.socketApi.saveProfile).toHaveBeenLastCalledWith(
      expect.objectContaining({ overwrite: true, profile: expect.objectContaining({ name: 'Device' }) }),
    )
  })

  it("shows the host's refusal and keeps the form open", async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    await useProfilesStore().refresh()
    useSendStore('s').draft = 'x'
    const options = sessionOptions({ kind: 'tcp-client', host: '10.0.0.5', port: 7 })
    const form = mount(SaveMessageForm, {
      props: { sessionId: 's', options },
      global: { plugins: [pinia, i18n] },
    })
    await form
      .findAll('button')
      .find((button) => button.text() === 'Save message')!
      .trigger('click')
    await form.get('input').setValue('x')
    host.api.saveProfile.mockResolvedValueOnce({
      ok: false,
      error: { code: 'EIO', message: 'The profiles file could not be written.' },
    })
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(form.get('[role="alert"]').text()).toContain('EIO')
    expect(form.find('form').exists()).toBe(true)
    expect(useProfilesStore().profiles[0]!.messages.map((message) => message.name)).toEqual(['ping'])
  })
})
