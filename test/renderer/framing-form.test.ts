import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { OpenSessionRequest } from '../../electron/shared/schemas'
import NewSessionForm from '../../renderer/src/components/session-form/NewSessionForm.vue'
import { useSessionFormStore } from '../../renderer/src/stores/session-form'
import { setupRenderer } from './setup'

// The Framing controls of the New session form: the request's `framing` option and back, for every kind.

const framed: OpenSessionRequest[] = [
  {
    kind: 'tcp-client',
    host: 'plc.local',
    port: 502,
    framing: { mode: 'length', field: 'u16be', offset: 4, adjust: 0 },
  },
  { kind: 'tcp-server', port: 9000, framing: { mode: 'delimiter', delimiter: '\\r\\n', keep: true } },
  { kind: 'tcp-server', port: 9000, framing: { mode: 'idle', gapMs: 25, maxFrameBytes: 4096 } },
  { kind: 'tcp-client', host: 'h', port: 1, framing: { mode: 'fixed', length: 16 } },
  { kind: 'udp', port: 5000, framing: { mode: 'slip', maxFrameBytes: 2048 } },
  { kind: 'udp', port: 5000, framing: { mode: 'length', field: 'u32le', offset: 2, adjust: -6 } },
]

describe('framing in the session form', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })

  it.each(framed)('fill() then toRequest() keeps the $kind framing $framing.mode', (request) => {
    const form = useSessionFormStore()
    form.fill(request)
    const result = form.toRequest()
    expect(result.ok).toBe(true)
    expect(result.ok && result.request.framing).toEqual(request.framing)
  })

  it('leaves framing out when it is None', () => {
    const form = useSessionFormStore()
    form.clientPort = '80'
    const result = form.toRequest()
    expect(result.ok && 'framing' in result.request).toBe(false)
  })

  it('names a bad delimiter and a bad frame length', () => {
    const form = useSessionFormStore()
    form.clientPort = '80'
    form.framingMode = 'delimiter'
    form.delimiter = '\\q'
    expect(form.toRequest()).toMatchObject({ ok: false, error: expect.stringMatching(/^Delimiter: .*\\q/) })
    form.framingMode = 'fixed'
    form.frameLength = '0'
    expect(form.toRequest()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Frame length must be/),
    })
  })

  it('refuses the idle gap on UDP', () => {
    const form = useSessionFormStore()
    form.mode = 'udp'
    form.framingMode = 'idle'
    expect(form.toRequest()).toEqual({
      ok: false,
      error: 'The idle gap does not apply to UDP: each datagram is a message already.',
    })
  })

  it('offers the contract names, the length controls for Length prefix, and no idle gap for UDP', async () => {
    const wrapper = mount(NewSessionForm, { global: { plugins: context.plugins } })
    /** The select labelled `name`. */
    const select = (name: string) =>
      wrapper
        .findAll('label')
        .find((label) => label.find('.field-label').exists() && label.find('.field-label').text() === name)!
        .find('select')
    const optionsOf = (name: string) =>
      select(name)
        .findAll('option')
        .map((option) => option.text())
    expect(optionsOf('Framing')).toEqual([
      'None',
      'Delimiter',
      'Fixed length',
      'Length prefix',
      'SLIP',
      'Idle gap',
    ])
    await select('Framing').setValue('length')
    const labels = wrapper.findAll('.field-label').map((label) => label.text())
    expect(labels).toEqual(expect.arrayContaining(['Length field', 'Length offset', 'Length adjustment']))
    expect(optionsOf('Length field')).toEqual(['u8', 'u16 BE', 'u16 LE', 'u32 BE', 'u32 LE'])
    await select('Mode').setValue('udp')
    expect(optionsOf('Framing')).not.toContain('Idle gap')
  })
})
