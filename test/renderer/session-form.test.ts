import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { OpenSessionRequest } from '../../electron/shared/schemas'
import NewSessionForm from '../../renderer/src/components/session-form/NewSessionForm.vue'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

const saved: OpenSessionRequest[] = [
  {
    kind: 'tcp-client',
    host: 'example.invalid',
    port: 8080,
    localAddress: '127.0.0.1',
    localPort: 40_000,
    family: 'ipv4',
    connectTimeoutMs: 2_500,
    noDelay: false,
    keepAlive: true,
    keepAliveInitialDelayMs: 1_000,
    halfOpen: true,
  },
  {
    kind: 'tcp-server',
    host: '::1',
    port: 9000,
    backlog: 16,
    maxConnections: 3,
    ipv6Only: true,
    exclusive: true,
    halfOpen: false,
  },
  {
    kind: 'udp',
    type: 'udp4',
    host: '0.0.0.0',
    port: 5000,
    reuseAddr: true,
    broadcast: true,
    ttl: 12,
    multicastTtl: 3,
    multicastLoopback: false,
    multicastGroups: [{ group: '239.1.2.3' }, { group: '239.1.2.4', iface: '127.0.0.1' }],
    remoteHost: '127.0.0.1',
    remotePort: 5001,
    connectToRemote: true,
  },
]

describe('session form store', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  it.each(saved)('fill() then toRequest() gives back the saved $kind request', (request) => {
    const form = useSessionFormStore()
    form.fill(request)
    expect(form.mode).toBe(request.kind)
    expect(form.toRequest()).toEqual({ ok: true, request })
  })

  it('fills the defaults a saved request leaves out, replacing what was typed before', () => {
    const form = useSessionFormStore()
    form.mode = 'tcp-server'
    form.backlog = '7'
    form.fill({ kind: 'tcp-server', port: 9000 })
    expect(form.backlog).toBe('511')
    expect(form.serverHost).toBe('')
    expect(form.toRequest()).toMatchObject({
      ok: true,
      request: { kind: 'tcp-server', port: 9000, backlog: 511 },
    })
  })

  it('starts with a loopback client and names a missing port', () => {
    const form = useSessionFormStore()
    expect(form.mode).toBe('tcp-client')
    expect(form.clientHost).toBe('127.0.0.1')
    expect(form.toRequest()).toEqual({
      ok: false,
      error: 'Remote port must be a whole number from 1 to 65535.',
      field: 'Remote port',
    })
  })

  it('names the field the shared schema refuses', () => {
    const form = useSessionFormStore()
    form.clientPort = '80'
    form.clientHost = 'bad host!'
    const result = form.toRequest()
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/^Remote host: /)
  })

  it('asks for the UDP remote port when only the remote host is given', () => {
    const form = useSessionFormStore()
    form.mode = 'udp'
    form.udpRemoteHost = '127.0.0.1'
    expect(form.toRequest()).toEqual({
      ok: false,
      error: 'Remote port is needed when Remote host is set.',
      field: 'Remote port',
    })
  })

  it('shows the fields of each mode with the contract labels and the matching button', async () => {
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    const labels = () => wrapper.findAll('.field-label').map((label) => label.text())
    const button = () => wrapper.find('button[type="submit"]').text()
    expect(labels()).toEqual(
      expect.arrayContaining(['Mode', 'Remote host', 'Remote port', 'Local address', 'Local port']),
    )
    expect(button()).toBe('Connect')
    await wrapper.find('select').setValue('tcp-server')
    expect(labels()).toEqual(expect.arrayContaining(['Bind address', 'Local port']))
    expect(labels()).not.toContain('Remote host')
    expect(button()).toBe('Listen')
    await wrapper.find('select').setValue('udp')
    expect(labels()).toEqual(
      expect.arrayContaining(['Bind address', 'Local port', 'Remote host', 'Remote port']),
    )
    expect(button()).toBe('Bind')
    expect(wrapper.find('form').attributes('aria-label')).toBe('New session')
  })

  it('opens the session the form describes', async () => {
    context.api.openSession.mockResolvedValue({ ok: true, value: sessionInfo('s', 'tcp-server') })
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    await wrapper.find('select').setValue('tcp-server')
    const [, port] = wrapper.findAll('input[type="text"]')
    await port!.setValue('9000')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(context.api.openSession).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'tcp-server', host: '127.0.0.1', port: 9000 }),
    )
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('shows an open failure under the form with its code and a plain sentence', async () => {
    context.api.openSession.mockResolvedValue({
      ok: false,
      error: { code: 'EADDRINUSE', message: 'Port 9000 on 127.0.0.1 is already in use.' },
    })
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    await wrapper.find('select').setValue('tcp-server')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain('EADDRINUSE')
    expect(alert.text()).toContain('already in use')
  })

  it('does not call the host when the form is invalid', async () => {
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('Remote port')
    expect(context.api.openSession).not.toHaveBeenCalled()
  })
})
