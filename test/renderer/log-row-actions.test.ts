import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import LogColumnsHeader from '../../renderer/src/components/log/LogColumnsHeader.vue'
import LogRowItem from '../../renderer/src/components/log/LogRowItem.vue'
import { useRowActions } from '../../renderer/src/composables/useRowActions'
import { fullPayload, resendTarget, rowMessage, savedConnection } from '../../renderer/src/lib/row-message'
import { rowLabels } from '../../renderer/src/lib/row-labels'
import { useLogColumnsStore } from '../../renderer/src/stores/log-columns'
import { encodePayload } from '../../electron/shared/codec'
import { PeerBook, toLogRow, type LoggedEvent, type LogRow } from '../../electron/shared/view/log-rows'
import { i18n } from '../../renderer/src/i18n'
import { eventsFor, sessionInfo } from './fake-api'
import { setupRenderer } from './setup'
import { withSetup } from './with-setup'

// A log row used again (Resend, Save as message), the "Both" view, and resizable log columns (issue 14).

let context: ReturnType<typeof setupRenderer>
beforeEach(() => {
  context = setupRenderer()
})

const sender = { address: '10.0.0.7', port: 4000, family: 'IPv4' as const }
const rowOf = (body: Parameters<typeof eventsFor>[1][number], seq = 5): LogRow =>
  toLogRow(eventsFor('s', [body], seq)[0] as LoggedEvent, new PeerBook())
const received = (data: Uint8Array, extra: object = {}) =>
  rowOf({ type: 'received', byteLength: data.byteLength, data, remote: sender, ...extra })

describe('row-message', () => {
  it('resends to the row’s peer: a server’s client by connection, a datagram to its sender, a client to its server', () => {
    const data = new Uint8Array([1])
    const fromClient = rowOf({ type: 'received', byteLength: 1, data, connectionId: 'c3' })
    expect(resendTarget(fromClient, sessionInfo('s', 'tcp-server'))).toEqual({
      sessionId: 's',
      connectionId: 'c3',
    })
    expect(resendTarget(received(data), sessionInfo('s', 'udp'))).toEqual({
      sessionId: 's',
      remoteHost: '10.0.0.7',
      remotePort: 4000,
    })
    expect(resendTarget(received(data), sessionInfo('s', 'tcp-client'))).toEqual({ sessionId: 's' })
  })

  it('a received datagram is saved for its sender (source and destination swapped); a connection keeps its own', () => {
    const udp = sessionInfo('s', 'udp')
    expect(savedConnection(received(new Uint8Array([1])), udp)).toMatchObject({
      kind: 'udp',
      port: 9000,
      remoteHost: '10.0.0.7',
      remotePort: 4000,
    })
    const client = sessionInfo('s', 'tcp-client')
    expect(savedConnection(received(new Uint8Array([1])), client)).toBe(client.options)
  })

  it('keeps the exact bytes: a saved message encodes back to them', () => {
    const data = new Uint8Array([0x00, 0xde, 0xad, 0x0d, 0x0a, 0x41, 0xe2, 0x82, 0xac])
    const message = rowMessage(data, 'm')!
    const encoded = encodePayload(message.payload, message.encoding, message.lineEnding)
    expect(encoded.ok && [...encoded.bytes]).toEqual([...data])
  })

  it('refuses a row whose log entry holds only a preview of the payload', () => {
    const preview = rowOf({ type: 'received', byteLength: 100_000, data: new Uint8Array(256) })
    expect(fullPayload(preview)).toBeUndefined()
    expect(fullPayload(received(new Uint8Array(3)))).toHaveLength(3)
  })
})

describe('useRowActions', () => {
  it('Resend sends a copy of the row’s bytes to its peer and says so', async () => {
    context.api.send.mockResolvedValue({ ok: true, value: { bytes: 2, targets: 1 } })
    const actions = withSetup(() => useRowActions(() => sessionInfo('s', 'udp')), context.plugins)
    await actions.resend(received(new Uint8Array([7, 8])))
    expect(context.api.send).toHaveBeenCalledWith({
      sessionId: 's',
      remoteHost: '10.0.0.7',
      remotePort: 4000,
      data: new Uint8Array([7, 8]),
    })
    expect(actions.outcome.value?.notice).toBe('Resent row 5: 2 bytes.')
  })

  it('a preview-only row is refused with ERR_LIMIT and nothing is sent or saved', async () => {
    const actions = withSetup(() => useRowActions(() => sessionInfo('s', 'tcp-client')), context.plugins)
    const preview = rowOf({ type: 'sent', byteLength: 100_000, data: new Uint8Array(256) })
    await actions.resend(preview)
    await actions.saveAsMessage(preview)
    expect(actions.outcome.value?.error?.code).toBe('ERR_LIMIT')
    expect(context.api.send).not.toHaveBeenCalled()
    expect(context.api.saveProfile).not.toHaveBeenCalled()
  })

  it('Save as message keeps the row in a profile for its sender, named after the row', async () => {
    context.api.saveProfile.mockImplementation(async ({ profile }) => ({
      ok: true,
      value: { view: { viewAs: 'text', timestamps: 'relative' }, messages: [], ...profile } as never,
    }))
    context.api.listProfiles.mockResolvedValue({
      ok: true,
      value: { profiles: [], recent: [], notice: null },
    })
    const actions = withSetup(() => useRowActions(() => sessionInfo('s', 'udp')), context.plugins)
    await actions.saveAsMessage(received(new TextEncoder().encode('hi')))
    const saved = context.api.saveProfile.mock.calls[0]![0].profile
    expect(saved.connection).toMatchObject({ remoteHost: '10.0.0.7', remotePort: 4000 })
    expect(saved.messages).toEqual([
      { name: 'Row 5 received 10.0.0.7:4000', payload: 'hi', encoding: 'text', lineEnding: 'none' },
    ])
    expect(actions.outcome.value?.notice).toContain('Saved “Row 5 received 10.0.0.7:4000”')
  })
})

describe('log row views and buttons', () => {
  const mountRow = (row: LogRow, viewAs: 'text' | 'hex' | 'both', canResend = true) =>
    mount(LogRowItem, {
      props: {
        row,
        viewAs,
        timestamps: 'relative',
        origin: 0,
        expanded: false,
        labels: rowLabels(i18n.global.t),
        canResend,
      },
      global: { plugins: context.plugins },
    })

  it('"Both" shows the text and the hex of a payload side by side', () => {
    const wrapper = mountRow(received(new TextEncoder().encode('hi!')), 'both')
    expect(wrapper.find('.payload-text').text()).toBe('hi!')
    expect(wrapper.find('.payload-hex').text()).toBe('68 69 21')
    expect(
      mountRow(received(new TextEncoder().encode('hi!')), 'hex')
        .find('.payload-hex')
        .exists(),
    ).toBe(false)
  })

  it('a focused data row offers Resend (while the session can send) and Save as message', async () => {
    const wrapper = mountRow(received(new Uint8Array([1])), 'text')
    await wrapper.find('.log-row').trigger('focusin')
    const names = () => wrapper.findAll('button').map((button) => button.attributes('aria-label'))
    expect(names()).toEqual(expect.arrayContaining(['Resend', 'Save as message']))
    await wrapper
      .findAll('button')
      .find((button) => button.attributes('aria-label') === 'Resend')!
      .trigger('click')
    expect(wrapper.emitted('resend')).toHaveLength(1)
    const closed = mountRow(received(new Uint8Array([1])), 'text', false)
    await closed.find('.log-row').trigger('focusin')
    expect(closed.findAll('button').map((button) => button.attributes('aria-label'))).not.toContain('Resend')
  })
})

describe('log columns', () => {
  it('arrow keys widen and narrow a column within its bounds; Home gives back the default', async () => {
    const wrapper = mount(LogColumnsHeader, { global: { plugins: context.plugins } })
    const columns = useLogColumnsStore()
    const peer = wrapper.find('[role="separator"][aria-label="Resize the Peer column"]')
    // happy-dom lays nothing out: the column's cell is given the width a browser would draw.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 150, 22))
    await peer.trigger('keydown', { key: 'ArrowRight', shiftKey: true })
    expect(columns.widths.peer).toBe(150 + 32)
    await peer.trigger('keydown', { key: 'ArrowLeft' })
    expect(columns.widths.peer).toBe(150 - 8)
    vi.restoreAllMocks()
    columns.setWidth('peer', 10_000)
    expect(columns.widths.peer).toBe(600)
    await flushPromises()
    expect(peer.attributes('aria-valuenow')).toBe('600')
    expect(columns.style()).toEqual({ '--log-peer-width': '600px' })
    await peer.trigger('keydown', { key: 'Home' })
    expect(columns.widths.peer).toBeUndefined()
    expect(columns.style()).toEqual({})
  })

  it('remembers widths in localStorage and ignores what it cannot read', () => {
    useLogColumnsStore().setWidth('time', 120)
    return flushPromises().then(() => {
      expect(JSON.parse(localStorage.getItem('socket-workbench.log-columns')!)).toEqual({ time: 120 })
      localStorage.setItem('socket-workbench.log-columns', '{"time":"wide","bytes":70,"evil":1}')
      setupRendererKeepingStorage()
      expect(useLogColumnsStore().widths).toEqual({ bytes: 70 })
    })
  })
})

/** A fresh Pinia that reads what localStorage holds now (setupRenderer clears it). */
function setupRendererKeepingStorage(): void {
  const saved = localStorage.getItem('socket-workbench.log-columns')
  context = setupRenderer()
  if (saved !== null) localStorage.setItem('socket-workbench.log-columns', saved)
}
