import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SendPanel from '../../renderer/src/components/send/SendPanel.vue'
import { useSendStore } from '../../renderer/src/stores/send'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

describe('send panel', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  const mountPanel = (session = sessionInfo('s', 'tcp-client')) =>
    mount(SendPanel, { props: { session }, global: { plugins: context.plugins } })

  it('refuses invalid hex with an alert naming the position, and sends nothing', async () => {
    const wrapper = mountPanel()
    await wrapper.find('select').setValue('hex')
    await wrapper.find('textarea').setValue('de ad b')
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Send')!
      .trigger('click')
    await flushPromises()
    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain('ERR_PAYLOAD')
    expect(alert.text()).toContain('column 7')
    expect(context.api.send).not.toHaveBeenCalled()
  })

  it('sends the encoded bytes with the line ending on Ctrl+Enter', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 3, targets: 1 } })
    const wrapper = mountPanel()
    const [, lineEnding] = wrapper.findAll('select')
    await lineEnding!.setValue('crlf')
    await wrapper.find('textarea').setValue('a\\tb')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({
      sessionId: 's',
      data: new Uint8Array([0x61, 0x09, 0x62, 0x0d, 0x0a]),
    })
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('Ctrl+Enter obeys the Send button: nothing more is sent while a send is in progress', async () => {
    let finish!: (value: { ok: true; value: { bytes: number; targets: number } }) => void
    context.api.send.mockReturnValue(new Promise((resolve) => (finish = resolve)))
    const wrapper = mountPanel()
    await wrapper.find('textarea').setValue('x')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    const sendButton = wrapper.findAll('button').find((button) => button.text() === 'Send')!
    expect(sendButton.attributes('disabled')).toBeDefined()
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', metaKey: true })
    expect(context.api.send).toHaveBeenCalledTimes(1)
    finish({ ok: true, value: { bytes: 1, targets: 1 } })
    await flushPromises()
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    expect(context.api.send).toHaveBeenCalledTimes(2)
  })

  it('shows a send failure from the host as an alert with its code', async () => {
    context.api.send.mockResolvedValue({
      ok: false,
      error: { code: 'EPIPE', message: 'The socket is closed.' },
    })
    const wrapper = mountPanel()
    await wrapper.find('textarea').setValue('x')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', metaKey: true })
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('EPIPE')
  })

  it('sends to one chosen client of a TCP server', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
    const endpoint = (port: number) => ({ address: '127.0.0.1', port, family: 'IPv4' as const })
    const stats = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, queuedBytes: 0, framesIn: 0 }
    const connections = [50_001, 50_002].map((port, index) => ({
      id: `c${index + 1}`,
      remote: endpoint(port),
      local: endpoint(9000),
      since: 0,
      state: 'open' as const,
      stats,
    }))
    const wrapper = mountPanel(sessionInfo('s', 'tcp-server', { connections }))
    const sendTo = wrapper.find('select')
    expect(sendTo.findAll('option').map((option) => option.text())).toEqual([
      'All clients',
      '127.0.0.1:50001',
      '127.0.0.1:50002',
    ])
    await sendTo.setValue('c2')
    await wrapper.find('textarea').setValue('x')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({
      sessionId: 's',
      connectionId: 'c2',
      data: new Uint8Array([0x78]),
    })
  })

  it('keeps a chosen client that left chosen, marked gone, and refuses to send instead of sending to all', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
    const endpoint = (port: number) => ({ address: '127.0.0.1', port, family: 'IPv4' as const })
    const stats = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, queuedBytes: 0, framesIn: 0 }
    const client = (id: string, port: number) => ({
      id,
      remote: endpoint(port),
      local: endpoint(9000),
      since: 0,
      state: 'open' as const,
      stats,
    })
    const [a, b] = [client('a', 50_001), client('b', 50_002)]
    const wrapper = mountPanel(sessionInfo('s', 'tcp-server', { connections: [a, b] }))
    await wrapper.find('select').setValue('a')

    // A disconnects: the session now lists only B.
    await wrapper.setProps({ session: sessionInfo('s', 'tcp-server', { connections: [b] }) })
    const sendTo = wrapper.find('select')
    expect((sendTo.element as HTMLSelectElement).value).toBe('a')
    const select = sendTo.element as HTMLSelectElement
    expect(select.options[select.selectedIndex]!.text.trim()).toBe('127.0.0.1:50001 (disconnected)')
    expect(sendTo.attributes('aria-invalid')).toBe('true')

    await wrapper.find('textarea').setValue('x')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).not.toHaveBeenCalled()
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('ERR_NO_CONNECTION')
    expect(alert.text()).toContain('127.0.0.1:50001 has disconnected, so nothing was sent.')

    // Only an explicit choice sends to every client.
    await sendTo.setValue('')
    expect(sendTo.findAll('option').map((option) => option.text())).toEqual([
      'All clients',
      '127.0.0.1:50002',
    ])
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({ sessionId: 's', data: new Uint8Array([0x78]) })
  })

  it('sends a UDP datagram to the destination typed for this send', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
    const wrapper = mountPanel(sessionInfo('u', 'udp'))
    const [host, port] = wrapper.findAll('input[type="text"]')
    await host!.setValue('127.0.0.1')
    await port!.setValue('7000')
    await wrapper.find('textarea').setValue('x')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(context.api.send).toHaveBeenCalledWith({
      sessionId: 'u',
      remoteHost: '127.0.0.1',
      remotePort: 7000,
      data: new Uint8Array([0x78]),
    })
  })

  it('browses the history with Up and Down, back to the draft being typed', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 1, targets: 1 } })
    const wrapper = mountPanel()
    const textarea = wrapper.find('textarea')
    for (const text of ['first', 'second']) {
      await textarea.setValue(text)
      await textarea.trigger('keydown', { key: 'Enter', ctrlKey: true })
      await flushPromises()
    }
    await textarea.setValue('draft')
    const send = useSendStore('s')
    await textarea.trigger('keydown', { key: 'ArrowUp' })
    expect(send.draft).toBe('second')
    await textarea.trigger('keydown', { key: 'ArrowUp' })
    expect(send.draft).toBe('first')
    await textarea.trigger('keydown', { key: 'ArrowDown' })
    await textarea.trigger('keydown', { key: 'ArrowDown' })
    expect(send.draft).toBe('draft')
  })
})
