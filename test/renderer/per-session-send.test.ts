import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { useLogStore } from '../../renderer/src/stores/log'
import { useSendStore } from '../../renderer/src/stores/send'
import { useSessionsStore } from '../../renderer/src/stores/sessions'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// Issue 14, "One draft for all sessions": the message, its encoding and line ending, the history and View-as
// belong to one session; a new session opens with an empty message box.

describe('send panel state per session', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
  })

  const mountPanel = (id: string) =>
    mount(SendPanel, {
      props: { session: sessionInfo(id, 'tcp-client') },
      global: { plugins: context.plugins },
    })

  it('a second session opens with an empty message, Text, no line ending and no history of the first', async () => {
    const first = mountPanel('s1')
    const [encoding, lineEnding] = first.findAll('select')
    await encoding!.setValue('hex')
    await lineEnding!.setValue('crlf')
    await first.find('textarea').setValue('de ad')
    await first.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    await first.find('textarea').setValue('be ef')
    first.unmount()

    const second = mountPanel('s2')
    const [secondEncoding, secondLineEnding] = second.findAll('select')
    expect((second.find('textarea').element as HTMLTextAreaElement).value).toBe('')
    expect((secondEncoding!.element as HTMLSelectElement).value).toBe('text')
    expect((secondLineEnding!.element as HTMLSelectElement).value).toBe('none')
    await second.find('textarea').trigger('keydown', { key: 'ArrowUp' })
    expect(useSendStore('s2').draft).toBe('')
    second.unmount()

    // Back on the first session: what was typed there is still there, with its history.
    const again = mountPanel('s1')
    expect((again.find('textarea').element as HTMLTextAreaElement).value).toBe('be ef')
    expect((again.findAll('select')[0]!.element as HTMLSelectElement).value).toBe('hex')
    await again.find('textarea').trigger('keydown', { key: 'ArrowUp' })
    expect(useSendStore('s1').draft).toBe('de ad')
  })

  it('View as is per session', () => {
    const log = useLogStore()
    log.setViewAs('s1', 'hex')
    expect(log.viewAsOf('s1')).toBe('hex')
    expect(log.viewAsOf('s2')).toBe('text')
  })

  it("a removed session's send state and View as are dropped", async () => {
    context.api.removeSession.mockResolvedValue({ ok: true, value: null })
    const sessions = useSessionsStore()
    useSendStore('gone').draft = 'left behind'
    useLogStore().setViewAs('gone', 'hex')
    await sessions.remove('gone')
    expect(useSendStore('gone').draft).toBe('')
    expect(useLogStore().viewAsOf('gone')).toBe('text')
  })
})
