import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseSequenceFile } from '../../electron/shared/sequences'
import TrafficLog from '../../renderer/src/components/log/TrafficLog.vue'
import { useLogStore } from '../../renderer/src/stores/log'
import { batch, eventsFor, sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// "Record as sequence" in a session's log: the rows the log holds become a sequence file draft, downloaded.

const remote = { address: '127.0.0.1', port: 50_000, family: 'IPv4' as const }
const text = (value: string) => new TextEncoder().encode(value)

describe('Record as sequence', () => {
  let context: ReturnType<typeof setupRenderer>
  let saved: Blob[]

  beforeEach(() => {
    context = setupRenderer()
    saved = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob)
      return 'blob:sequence'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    useLogStore().applyBatch(
      batch(
        eventsFor('s', [
          { type: 'connected', local: { ...remote, port: 9000 }, remote, latencyMs: 0.4 },
          { type: 'sent', byteLength: 6, data: text('hello\n') },
          { type: 'received', byteLength: 3, data: text('hel') },
          { type: 'received', byteLength: 3, data: text('lo\n') },
          { type: 'sent', byteLength: 2, data: Uint8Array.of(0xde, 0xad) },
          { type: 'received', byteLength: 2, data: Uint8Array.of(0xde, 0xad) },
        ]),
      ),
    )
  })

  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('saves a YAML draft that sends what was sent and expects what was received', async () => {
    const wrapper = mount(TrafficLog, {
      props: { session: sessionInfo('s', 'tcp-client') },
      global: { plugins: context.plugins },
    })
    await flushPromises()
    const button = wrapper.findAll('button').find((candidate) => candidate.text() === 'Record as sequence')
    expect(button).toBeDefined()
    await button!.trigger('click')
    expect(saved).toHaveLength(1)
    const draft = await saved[0]!.text()
    const parsed = parseSequenceFile(draft)
    expect(parsed.ok, draft).toBe(true)
    if (!parsed.ok) return
    expect(parsed.file.sequences[0]!.steps.map((step) => step.label)).toEqual([
      'send "hello\\\\n"',
      'expect equals "hello\\\\n"',
      'send_hex "de ad"',
      'expect hex de ad',
    ])
    wrapper.unmount()
  })
})
