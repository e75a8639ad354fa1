import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// uPlot needs a canvas, which happy-dom lacks; the chart is not what this test is about.
vi.mock('uplot', async () => ({ default: (await import('./uplot-stand-in')).UplotStandIn }))
const { default: App } = await import('../../renderer/src/App.vue')

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([hidden]), select, textarea, [tabindex="0"]'

describe('keyboard use', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  async function mountWithSession(state: 'connected' | 'closed' = 'connected') {
    context.api.listSessions.mockResolvedValue({
      ok: true,
      value: [sessionInfo('s1', 'tcp-client', { state })],
    })
    const sessions = useSessionsStore()
    await sessions.refresh()
    sessions.select('s1')
    const wrapper = mount(App, { global: { plugins: context.plugins }, attachTo: document.body })
    await flushPromises()
    return wrapper
  }

  it('starts with a skip link that focuses the message box', async () => {
    const wrapper = await mountWithSession()
    const first = document.body.querySelector<HTMLElement>(FOCUSABLE)!
    expect(first.textContent?.trim()).toBe('Skip to message')
    first.click()
    expect(document.activeElement).toBe(wrapper.find('textarea').element)
    wrapper.unmount()
  })

  it('skips to the session area when the session shows no message box', async () => {
    const wrapper = await mountWithSession('closed')
    const link = document.body.querySelector<HTMLElement>('.skip-link')!
    expect(link.textContent?.trim()).toBe('Skip to the session')
    link.click()
    expect(document.activeElement).toBe(wrapper.find('main').element)
    wrapper.unmount()
  })

  it('focuses the message box on Ctrl+L (and ⌘L) from anywhere, and takes the key from the browser', async () => {
    const wrapper = await mountWithSession()
    for (const modifier of [{ ctrlKey: true }, { metaKey: true }]) {
      wrapper.find('select').element.focus()
      const event = new KeyboardEvent('keydown', { key: 'l', bubbles: true, cancelable: true, ...modifier })
      document.activeElement!.dispatchEvent(event)
      expect(document.activeElement).toBe(wrapper.find('textarea').element)
      expect(event.defaultPrevented).toBe(true)
    }
    wrapper.unmount()
  })

  it('has landmarks, and puts the session before the profiles in tab order', async () => {
    const wrapper = await mountWithSession()
    expect(wrapper.find('header').exists()).toBe(true)
    expect(wrapper.find('nav').attributes('aria-label')).toBe('Sessions')
    const profilesAside = wrapper.find('aside[aria-label="Profiles"]')
    expect(profilesAside.find('[aria-labelledby="profiles-title"]').exists()).toBe(true)
    const order = [...document.body.querySelectorAll(`${FOCUSABLE}, main, aside`)]
    const main = order.indexOf(wrapper.find('main').element)
    const messageBox = order.indexOf(wrapper.find('textarea').element)
    const profiles = order.indexOf(profilesAside.element)
    expect(main).toBeLessThan(profiles)
    expect(messageBox).toBeLessThan(profiles)
    wrapper.unmount()
  })
})
