import { config, flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CaptureControl, { type CaptureApi } from '../../renderer/src/components/capture/CaptureControl.vue'
import type { CaptureStatus } from '../../electron/shared/api'
import { fail, ok } from '../../electron/shared/result'
import { i18n } from '../../renderer/src/i18n'

config.global.plugins = [i18n]

const PATH = '/home/user/.config/socket-workbench/captures/session-s1-2025.jsonl'

function status(values: Partial<CaptureStatus>): CaptureStatus {
  return { sessionId: 's1', state: 'recording', path: PATH, startedAt: 0, events: 0, bytes: 0, ...values }
}

/** A host that records: start/stop switch its state, status answers its progress. */
function fakeHost(initial: CaptureStatus | null = null) {
  let current = initial
  const api = {
    startCapture: vi.fn(async () => ok((current = status({ state: 'recording' })))),
    stopCapture: vi.fn(async () => ok((current = status({ ...current, state: 'stopped' })))),
    captureStatus: vi.fn(async () => ok(current)),
    exportPcapng: vi.fn(async () =>
      current?.state === 'stopped'
        ? ok({ path: PATH.replace(/\.jsonl$/, '.pcapng'), packets: 42, bytes: 4096 })
        : fail({ code: 'ERR_SESSION_STATE', message: 'This session has no finished capture.' }),
    ),
  } satisfies CaptureApi
  return { api, progress: (values: Partial<CaptureStatus>) => (current = status({ ...current, ...values })) }
}

describe('CaptureControl', () => {
  it('offers Export pcapng only for a finished capture, and shows the file it wrote on the host', async () => {
    vi.useRealTimers()
    const host = fakeHost(status({ state: 'recording' }))
    const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: true, api: host.api } })
    await flushPromises()
    const exportButton = () => wrapper.findAll('button').find((button) => button.text() === 'Export pcapng')
    expect(exportButton()).toBeUndefined()

    await wrapper.get('button').trigger('click') // Stop recording
    await flushPromises()
    await exportButton()!.trigger('click')
    await flushPromises()
    expect(host.api.exportPcapng).toHaveBeenCalledWith({ sessionId: 's1' })
    expect(wrapper.text()).toContain('pcapng (42 packets, 4 KiB)')
    expect(wrapper.text()).toContain(PATH.replace(/\.jsonl$/, '.pcapng'))
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
    vi.useFakeTimers()
  })

  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('records to a file on the host, shows its path and growing size, and stops', async () => {
    const host = fakeHost()
    const wrapper = mount(CaptureControl, {
      props: { sessionId: 's1', sessionOpen: true, api: host.api, pollMs: 500 },
    })
    await flushPromises()
    const button = wrapper.get('button')
    expect(button.text()).toBe('Record to file')

    await button.trigger('click')
    await flushPromises()
    expect(host.api.startCapture).toHaveBeenCalledWith({ sessionId: 's1' })
    expect(button.text()).toBe('Stop recording')
    expect(wrapper.text()).toContain(PATH)
    expect(wrapper.find('progress').exists()).toBe(true)

    host.progress({ events: 12_345, bytes: 3 * 1024 * 1024 })
    await vi.advanceTimersByTimeAsync(500)
    expect(wrapper.text()).toContain('Recording: 12,345 events, 3 MiB written')

    await button.trigger('click')
    await flushPromises()
    expect(host.api.stopCapture).toHaveBeenCalledWith({ sessionId: 's1' })
    expect(button.text()).toBe('Record to file')
    expect(wrapper.text()).toContain('Saved 12,345 events, 3 MiB')
    expect(wrapper.find('progress').exists()).toBe(false)

    // Finished: no more polling.
    const polls = host.api.captureStatus.mock.calls.length
    await vi.advanceTimersByTimeAsync(5_000)
    expect(host.api.captureStatus.mock.calls.length).toBe(polls)
  })

  it('shows a capture the host is already running when it mounts', async () => {
    const host = fakeHost(status({ events: 7 }))
    const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: true, api: host.api } })
    await flushPromises()
    expect(wrapper.get('button').text()).toBe('Stop recording')
    expect(wrapper.text()).toContain('7 events')
  })

  it('alerts with the code when the disk fills during a recording', async () => {
    const host = fakeHost()
    const wrapper = mount(CaptureControl, {
      props: { sessionId: 's1', sessionOpen: true, api: host.api, pollMs: 200 },
    })
    await flushPromises()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    host.progress({
      state: 'error',
      events: 40,
      error: { code: 'ENOSPC', message: 'The disk is full: the file cannot grow.' },
    })
    await vi.advanceTimersByTimeAsync(200)
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('ENOSPC')
    expect(alert.text()).toContain('The disk is full')
    expect(wrapper.get('button').text()).toBe('Record to file')
  })

  it('alerts when the host refuses to start, and records nothing', async () => {
    const host = fakeHost()
    host.api.startCapture.mockResolvedValueOnce(
      fail({ code: 'EACCES', message: 'No permission to write the capture folder.' }),
    )
    const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: true, api: host.api } })
    await flushPromises()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('EACCES')
    expect(wrapper.get('button').text()).toBe('Record to file')
  })

  it('follows the session it is given', async () => {
    const host = fakeHost(status({ events: 3 }))
    const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: true, api: host.api } })
    await flushPromises()
    host.api.captureStatus.mockResolvedValueOnce(ok(null))
    await wrapper.setProps({ sessionId: 's2' })
    await flushPromises()
    expect(host.api.captureStatus).toHaveBeenLastCalledWith({ sessionId: 's2' })
    expect(wrapper.get('button').text()).toBe('Record to file')
    expect(wrapper.text()).not.toContain(PATH)
  })

  it('offers no Record on a closed session', async () => {
    const host = fakeHost()
    const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: false, api: host.api } })
    await flushPromises()
    expect(wrapper.find('button').exists()).toBe(false)
    expect(host.api.startCapture).not.toHaveBeenCalled()
  })

  it('shows the recording saved as soon as its session closes, and no Record after it', async () => {
    const host = fakeHost()
    const wrapper = mount(CaptureControl, {
      props: { sessionId: 's1', sessionOpen: true, api: host.api, pollMs: 60_000 },
    })
    await flushPromises()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.get('button').text()).toBe('Stop recording')

    // The host ended the recording with the session; no poll is due for a minute.
    host.progress({ state: 'stopped', events: 5 })
    await wrapper.setProps({ sessionOpen: false })
    await flushPromises()
    expect(wrapper.text()).toContain('Saved 5 events')
    // The finished capture can still be exported; recording again is not offered.
    expect(wrapper.findAll('button').map((button) => button.text())).toEqual(['Export pcapng'])
  })

  it('speaks Korean when the UI does: buttons, progress and the summary', async () => {
    i18n.global.locale.value = 'ko'
    try {
      const host = fakeHost(status({ state: 'stopped', events: 5, bytes: 2048 }))
      const wrapper = mount(CaptureControl, { props: { sessionId: 's1', sessionOpen: true, api: host.api } })
      await flushPromises()
      expect(wrapper.findAll('button').map((button) => button.text())).toEqual([
        '파일로 기록',
        'pcapng로 내보내기',
      ])
      expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('기록')
      expect(wrapper.text()).toContain('저장함: 이벤트 5개, 2 KiB')
      expect(wrapper.text()).toContain('호스트의 파일:')
    } finally {
      i18n.global.locale.value = 'en'
    }
  })
})
