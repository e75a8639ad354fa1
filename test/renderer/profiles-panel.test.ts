import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { provideSocketApi } from '../../renderer/src/api/provider'
import ProfilesPanel from '../../renderer/src/components/profiles/ProfilesPanel.vue'
import { profilesEn, profilesKo } from '../../renderer/src/components/profiles/messages'
import { ImportError, ImportReasonCode, importIssue, parseImportFile } from '../../electron/shared/profiles'
import { i18n } from '../../renderer/src/i18n'
import { UNDO_WINDOW_MS, useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { fakeProfilesHost, profile } from './profiles-fake-host'

/** The refusal a parse throws (the test fails if it parses). */
function refusal(parse: () => unknown): ImportError {
  try {
    parse()
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected an import refusal')
}

const echo = profile({
  name: 'Echo',
  connection: { kind: 'tcp-client', host: '10.0.0.5', port: 7 },
  messages: [{ name: 'hi', payload: 'hi\\n' }],
})
const listener = profile({
  name: 'Listener',
  connection: { kind: 'tcp-server', host: '0.0.0.0', port: 9000 },
})

i18n.global.mergeLocaleMessage('en', { profiles: profilesEn })
i18n.global.mergeLocaleMessage('ko', { profiles: profilesKo })

/** Anything buttons and items can be looked up in: the mounted panel or one of its elements. */

/** Anything elements can be looked up in: the mounted panel or one of its elements. */
type Wrapper = Pick<VueWrapper, 'find' | 'findAll' | 'text'>

/** The element matching `selector`; fails the test, saying what was there instead, when it is missing. */
function el(within: Wrapper, selector: string): DOMWrapper<Element> {
  const found = within.find(selector)
  if (!found.exists()) throw new Error(`no "${selector}" in: ${within.text()}`)
  return found
}

function button(within: Wrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = within.findAll('button').find((candidate) => candidate.text().trim() === name)
  if (!found) throw new Error(`no button "${name}" in: ${within.text()}`)
  return found as DOMWrapper<HTMLButtonElement>
}

const item = (wrapper: Wrapper, name: string) =>
  el(wrapper, `ul[aria-label="Profiles"] > li[aria-label="${name}"]`)
const listedNames = (wrapper: Wrapper) =>
  wrapper.findAll('ul[aria-label="Profiles"] > li').map((li) => li.attributes('aria-label'))

async function mountPanel(host: ReturnType<typeof fakeProfilesHost>) {
  provideSocketApi(host.socketApi)
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(ProfilesPanel, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function chooseFile(input: DOMWrapper<Element>, text: string): Promise<void> {
  Object.defineProperty(input.element, 'files', {
    value: [new File([text], 'profiles.json')],
    configurable: true,
  })
  await input.trigger('change')
  await flushPromises()
}

describe('ProfilesPanel', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en'
  })
  afterEach(() => {
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('lists the host profiles in the "Profiles" list, each item named by its profile', async () => {
    const wrapper = await mountPanel(fakeProfilesHost([echo, listener]))
    expect(listedNames(wrapper)).toEqual(['Echo', 'Listener'])
    expect(item(wrapper, 'Echo').text()).toContain('TCP client 10.0.0.5:7')
    expect(item(wrapper, 'Echo').text()).toContain('1 saved message')
  })

  it('shows the load notice in plain words with the kept files, until dismissed', async () => {
    const notice = {
      kind: 'restored-from-backup' as const,
      message: 'Your profiles file could not be used (it is empty).',
      keptFiles: ['/data/profiles.json.corrupt-2026-01-02T03-04-05-678Z'],
    }
    const wrapper = await mountPanel(fakeProfilesHost([echo], { notice }))
    const status = el(wrapper, '.notice[role="status"]')
    expect(status.text()).toContain('its backup was loaded')
    expect(status.text()).toContain('Kept for you: profiles.json.corrupt-2026-01-02T03-04-05-678Z')
    await button(status, 'Dismiss').trigger('click')
    await useProfilesStore().refresh()
    await flushPromises()
    expect(wrapper.find('.notice').exists()).toBe(false)
  })

  it('saves the New-session form under a name, and asks before replacing a profile', async () => {
    const host = fakeProfilesHost([echo])
    const wrapper = await mountPanel(host)
    const form = useSessionFormStore()
    form.fill({ kind: 'udp', host: '127.0.0.1', port: 5000, remoteHost: '10.0.0.9', remotePort: 514 })

    await button(wrapper, 'Save profile').trigger('click')
    const name = el(wrapper, '.save-form input[type="text"]')
    expect(el(wrapper, '.save-form label').text()).toContain('Profile name')
    expect((name.element as HTMLInputElement).value).toBe('127.0.0.1:5000 → 10.0.0.9:514')
    await name.setValue('Syslog')
    await button(wrapper, 'Save').trigger('submit')
    await flushPromises()
    expect(host.api.saveProfile).toHaveBeenLastCalledWith({
      profile: {
        name: 'Syslog',
        connection: expect.objectContaining({ kind: 'udp', remoteHost: '10.0.0.9', remotePort: 514 }),
      },
      overwrite: false,
    })
    expect(listedNames(wrapper)).toEqual(['Echo', 'Syslog'])

    await button(wrapper, 'Save profile').trigger('click')
    await el(wrapper, '.save-form input[type="text"]').setValue('Echo')
    await el(wrapper, '.save-form').trigger('submit')
    await flushPromises()
    const confirm = el(wrapper, '[role="alertdialog"]')
    expect(confirm.text()).toContain('“Echo” already exists')
    await button(confirm, 'Replace').trigger('click')
    await flushPromises()
    // Replacing keeps the profile's saved messages: only the connection comes from the form.
    expect(host.api.saveProfile).toHaveBeenLastCalledWith({
      profile: expect.objectContaining({
        name: 'Echo',
        messages: echo.messages,
        connection: expect.objectContaining({ kind: 'udp' }),
      }),
      overwrite: true,
    })
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
  })

  it('fills the New-session form when an item is clicked or "Open" is pressed, without opening', async () => {
    const host = fakeProfilesHost([echo, listener])
    const wrapper = await mountPanel(host)
    const form = useSessionFormStore()

    await item(wrapper, 'Echo').trigger('click')
    expect(form.mode).toBe('tcp-client')
    expect([form.clientHost, form.clientPort]).toEqual(['10.0.0.5', '7'])

    await button(item(wrapper, 'Listener'), 'Open').trigger('click')
    expect(form.mode).toBe('tcp-server')
    expect([form.serverHost, form.serverPort]).toEqual(['0.0.0.0', '9000'])
    expect(host.api.openSession).not.toHaveBeenCalled()
  })

  it('opens a session straight away with "Open now"', async () => {
    const host = fakeProfilesHost([echo])
    const wrapper = await mountPanel(host)
    await button(item(wrapper, 'Echo'), 'Open now').trigger('click')
    await flushPromises()
    expect(host.api.openSession).toHaveBeenCalledWith(echo.connection)
  })

  it('renames and duplicates', async () => {
    const host = fakeProfilesHost([echo])
    const wrapper = await mountPanel(host)
    await button(item(wrapper, 'Echo'), 'Rename').trigger('click')
    await el(item(wrapper, 'Echo'), 'input[aria-label="New name"]').setValue('Echo box')
    await el(item(wrapper, 'Echo'), 'form').trigger('submit')
    await flushPromises()
    expect(host.api.renameProfile).toHaveBeenCalledWith({ from: 'Echo', to: 'Echo box' })
    expect(listedNames(wrapper)).toEqual(['Echo box'])

    await button(item(wrapper, 'Echo box'), 'Duplicate').trigger('click')
    await flushPromises()
    expect(listedNames(wrapper)).toEqual(['Echo box', 'Echo box (2)'])
  })

  it('deletes with an "Undo" that saves the profile back, offered for a few seconds', async () => {
    vi.useFakeTimers()
    const host = fakeProfilesHost([echo, listener])
    const wrapper = await mountPanel(host)
    await button(item(wrapper, 'Echo'), 'Delete').trigger('click')
    await flushPromises()
    expect(listedNames(wrapper)).toEqual(['Listener'])
    await button(el(wrapper, '.undo'), 'Undo').trigger('click')
    await flushPromises()
    expect(host.api.saveProfile).toHaveBeenCalledWith({ profile: echo, overwrite: false })
    expect(listedNames(wrapper)).toEqual(['Listener', 'Echo'])

    await button(item(wrapper, 'Listener'), 'Delete').trigger('click')
    await flushPromises()
    expect(wrapper.find('.undo').exists()).toBe(true)
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS)
    expect(wrapper.find('.undo').exists()).toBe(false)
  })

  it('filters the list with the search box, by name or address', async () => {
    const wrapper = await mountPanel(fakeProfilesHost([echo, listener]))
    const search = el(wrapper, 'input[type="search"][aria-label="Search profiles"]')
    await search.setValue('liste')
    expect(listedNames(wrapper)).toEqual(['Listener'])
    await search.setValue('10.0.0.5')
    expect(listedNames(wrapper)).toEqual(['Echo'])
    await search.setValue('nothing like it')
    expect(listedNames(wrapper)).toEqual([])
    expect(wrapper.text()).toContain('No profile matches')
  })

  it('offers recent endpoints to fill the form or open', async () => {
    const recent = [{ connection: listener.connection, openedAt: 1 }]
    const host = fakeProfilesHost([], { recent })
    const wrapper = await mountPanel(host)
    const entry = el(wrapper, 'ul[aria-label="Recent"] > li[aria-label="TCP server 0.0.0.0:9000"]')
    await el(entry, 'button.endpoint').trigger('click')
    expect(useSessionFormStore().mode).toBe('tcp-server')
    await button(entry, 'Open now').trigger('click')
    await flushPromises()
    expect(host.api.openSession).toHaveBeenCalledWith(listener.connection)
  })

  it('exports all, or the ticked profiles, as a downloaded file', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:profiles')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const host = fakeProfilesHost([echo, listener])
    const wrapper = await mountPanel(host)

    await button(wrapper, 'Export profiles').trigger('click')
    await flushPromises()
    expect(host.api.exportProfiles).toHaveBeenLastCalledWith({})
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('{"schemaVersion":1,"profiles":[]}\n')
    expect(clicked).toHaveBeenCalledTimes(1)

    await el(item(wrapper, 'Listener'), 'input[type="checkbox"]').setValue(true)
    await button(wrapper, 'Export profiles').trigger('click')
    await flushPromises()
    expect(host.api.exportProfiles).toHaveBeenLastCalledWith({ names: ['Listener'] })
    clicked.mockRestore()
    vi.unstubAllGlobals()
  })

  it('imports a chosen file and lists the refused entries one by one in an alert', async () => {
    const issues = [
      importIssue(
        2,
        { code: ImportReasonCode.fieldTooBig, params: { field: 'connection.port', max: 65535 } },
        'Bad port',
      ),
      importIssue(4, { code: ImportReasonCode.fieldMissing, params: { field: 'name' } }),
    ]
    const host = fakeProfilesHost([], { importIssues: issues })
    const wrapper = await mountPanel(host)
    await chooseFile(
      el(wrapper, 'input[type="file"][aria-label="Import profiles"]'),
      '{"schemaVersion":1,"profiles":[]}',
    )
    expect(host.api.importProfiles).toHaveBeenCalledWith({ text: '{"schemaVersion":1,"profiles":[]}' })
    const alert = el(wrapper, '[role="alert"].import-issues')
    expect(alert.text()).toContain('EIMPORT')
    expect(alert.findAll('li').map((li) => li.text())).toEqual([
      'Entry 2 (Bad port): connection.port: more than 65,535.',
      'Entry 4: name: missing.',
    ])
  })

  it('imports a Packet Sender export and says what was skipped', async () => {
    const host = fakeProfilesHost()
    const wrapper = await mountPanel(host)
    await chooseFile(el(wrapper, 'input[type="file"][aria-label="Import Packet Sender"]'), '[]')
    expect(host.api.importPacketSender).toHaveBeenCalledWith({ text: '[]' })
    const report = el(wrapper, '.import-report[role="status"]')
    expect(report.text()).toContain('Imported 1 profile.')
    expect(report.text()).toContain('Read as a Packet Sender database (packets.ini).')
    expect(report.text()).toContain(
      'Entry 2 (TLS) was skipped: Protocol SSL is not supported (only TCP and UDP packets are imported)',
    )
  })

  it('offers .json and .ini files in both file choosers', async () => {
    const wrapper = await mountPanel(fakeProfilesHost())
    for (const name of ['Import profiles', 'Import Packet Sender']) {
      const accept = el(wrapper, `input[type="file"][aria-label="${name}"]`).attributes('accept')
      expect(accept?.split(',')).toEqual(expect.arrayContaining(['.json', '.ini']))
    }
  })

  it('counts imported profiles in words, not "profile(s)"', async () => {
    const wrapper = await mountPanel(fakeProfilesHost())
    const text = JSON.stringify({ schemaVersion: 1, profiles: [echo, { ...echo, name: 'Echo 2' }] })
    await chooseFile(el(wrapper, 'input[type="file"][aria-label="Import profiles"]'), text)
    const report = el(wrapper, '.import-report[role="status"]')
    expect(report.text()).toContain('Imported 2 profiles.')
    expect(report.text()).not.toContain('Packet Sender')
  })

  it('says why an import was refused in Korean: a corrupt file, a bad Packet Sender packet, a schema refusal', async () => {
    i18n.global.locale.value = 'ko'
    const corrupt = refusal(() => parseImportFile('{"schemaVersion": 1, "profiles": ['))
    const badPacket = refusal(() =>
      parseImportFile('[{"name":"Bad","toip":"127.0.0.1","port":"7","tcporudp":"TCP","hexstring":"zz"}]'),
    )
    const badTls = refusal(() =>
      parseImportFile(
        JSON.stringify({
          schemaVersion: 2,
          profiles: [{ ...echo, connection: { ...echo.connection, tls: { certFile: 'client.pem' } } }],
        }),
      ),
    )
    for (const [error, expected] of [
      [corrupt, '파일: 올바른 JSON 파일이 아닙니다.'],
      [badPacket, '1번 항목 (Bad): hexString이 올바른 16진수가 아닙니다.'],
      [
        badTls,
        '1번 항목 (Echo): connection.tls: 인증서 파일과 키 파일을 함께 주거나 PFX 파일만 주십시오(둘 다는 안 됩니다).',
      ],
    ] as const) {
      const wrapper = await mountPanel(fakeProfilesHost([], { importIssues: error.details }))
      await chooseFile(el(wrapper, 'input[type="file"][aria-label="프로필 가져오기"]'), '{')
      const alert = el(wrapper, '[role="alert"].import-issues')
      expect(alert.findAll('li').map((li) => li.text())).toEqual([expected])
      wrapper.unmount()
    }
  })

  it('says in Korean why a Packet Sender packet was left out', async () => {
    i18n.global.locale.value = 'ko'
    const wrapper = await mountPanel(fakeProfilesHost())
    await chooseFile(el(wrapper, 'input[type="file"][aria-label="Packet Sender 가져오기"]'), '[]')
    const report = el(wrapper, '.import-report[role="status"]')
    expect(report.text()).toContain(
      '2번 항목(TLS)은 건너뛰었습니다: SSL 프로토콜은 지원하지 않습니다(TCP와 UDP 패킷만 가져옵니다).',
    )
    expect(report.text()).not.toMatch(/not supported/)
  })

  it('speaks Korean', async () => {
    i18n.global.locale.value = 'ko'
    const wrapper = await mountPanel(fakeProfilesHost([echo]))
    expect(button(wrapper, '프로필 저장').exists()).toBe(true)
    expect(el(wrapper, 'ul[aria-label="프로필"]').exists()).toBe(true)
  })
})
