import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatHex } from '../../electron/shared/codec'
import TrafficLog from '../../renderer/src/components/log/TrafficLog.vue'
import { exportRows } from '../../electron/shared/view/log-export'
import { useLogStore } from '../../renderer/src/stores/log'
import { batch, bytes, eventsFor, sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

const remote = { address: '127.0.0.1', port: 50_000, family: 'IPv4' as const }
const payload = new Uint8Array([0xff, 0x00, 0xbe, 0xef, 0x41])

describe('traffic log', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    // happy-dom lays nothing out: give the log viewport and its rows a size so the virtualiser renders rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800)
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(27)
    context = setupRenderer()
    useLogStore().applyBatch(
      batch(
        eventsFor('s', [
          { type: 'connected', local: { ...remote, port: 9000 }, remote, latencyMs: 0.4 },
          { type: 'received', byteLength: payload.byteLength, data: payload },
          { type: 'sent', byteLength: 2, data: new Uint8Array([0x68, 0x69]) },
        ]),
        { omitted: { s: 4 } },
      ),
    )
  })

  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** Mounted, with the virtualiser's first measurement (taken after mount) rendered. */
  async function mountLog() {
    const wrapper = mount(TrafficLog, {
      props: { session: sessionInfo('s', 'tcp-client') },
      global: { plugins: context.plugins },
    })
    await flushPromises()
    mounted = wrapper
    return wrapper
  }
  let mounted: Awaited<ReturnType<typeof mount>> | undefined

  /**
   * Past the log's redraw interval and the frames that add row slots: until the rendered rows stop changing for
   * a few redraw intervals (a fixed sleep was too short on a loaded machine), at most 5 s.
   */
  async function settle() {
    const snapshot = () => mounted?.html() ?? ''
    let last = ''
    let stableFor = 0
    for (const deadline = Date.now() + 5_000; stableFor < 3 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 120))
      await flushPromises()
      const now = snapshot()
      stableFor = now === last ? stableFor + 1 : 0
      last = now
    }
  }

  const rowTexts = (wrapper: Awaited<ReturnType<typeof mountLog>>) =>
    wrapper.findAll('[role="listitem"]').map((row) => row.text().replace(/\s+/g, ' '))

  it('is a log named "Traffic log" whose rows show direction, peer, byte count and payload', async () => {
    const wrapper = await mountLog()
    expect(wrapper.find('[role="log"]').attributes('aria-label')).toBe('Traffic log')
    const rows = rowTexts(wrapper)
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatch(/received 127\.0\.0\.1:50000 5 B \\xff\\0\\xbe\\xefA/)
    expect(rows[2]).toMatch(/sent 127\.0\.0\.1:50000 2 B hi/)
  })

  it('shows payloads exactly as formatHex when viewed as hex', async () => {
    const wrapper = await mountLog()
    await wrapper.find('select').setValue('hex')
    expect(wrapper.findAll('.payload-text').map((cell) => cell.text())).toEqual([formatHex(payload), '68 69'])
    expect(formatHex(payload)).toBe('ff 00 be ef 41')
  })

  it('filters by direction and by text', async () => {
    const wrapper = await mountLog()
    const [, direction] = wrapper.findAll('select')
    await direction!.setValue('sent')
    expect(rowTexts(wrapper)).toHaveLength(1)
    await direction!.setValue('all')
    await wrapper.find('input[type="search"]').setValue('connected')
    expect(rowTexts(wrapper)).toEqual([expect.stringContaining('connected')])
  })

  it('says how many rows are not shown', async () => {
    const wrapper = await mountLog()
    expect(wrapper.find('[role="status"]').text()).toContain('4 rows not shown')
  })

  it('expands a row into a hex dump', async () => {
    const wrapper = await mountLog()
    await wrapper.findAll('[role="listitem"]')[1]!.trigger('focusin')
    await wrapper.find('button[aria-expanded="false"]').trigger('click')
    expect(wrapper.find('.dump pre').text()).toContain('ff 00 be ef 41')
  })

  it("shows a row's buttons only while it is under the pointer or holds focus", async () => {
    const wrapper = await mountLog()
    const buttonNames = () =>
      wrapper.findAll('[role="listitem"] button').map((b) => b.attributes('aria-label'))
    expect(buttonNames()).toEqual([])
    const received = wrapper.findAll('[role="listitem"]')[1]!
    await received.trigger('pointerenter')
    expect(buttonNames()).toEqual([
      'Show hex dump',
      'Copy as text',
      'Copy as hex',
      'Resend',
      'Save as message',
    ])
    await received.trigger('pointerleave')
    expect(buttonNames()).toEqual([])
    await received.trigger('focusin')
    expect(buttonNames()).toEqual([
      'Show hex dump',
      'Copy as text',
      'Copy as hex',
      'Resend',
      'Save as message',
    ])
    // Focus moving to one of its own buttons keeps them; leaving the row hides them.
    await received.trigger('focusout', { relatedTarget: received.find('button').element })
    expect(buttonNames()).toHaveLength(5)
    await received.trigger('focusout', { relatedTarget: null })
    expect(buttonNames()).toEqual([])
  })

  it('stops following new rows once a row holds focus', async () => {
    const wrapper = await mountLog()
    const jumpButton = () => wrapper.findAll('button').find((b) => b.text().includes('Jump to latest'))
    expect(jumpButton()).toBeUndefined()
    await wrapper.findAll('[role="listitem"]')[0]!.trigger('focusin')
    expect(jumpButton()).toBeDefined()
  })

  it('patches the row elements in place as rows stream past, newest rows last', async () => {
    const wrapper = await mountLog()
    const log = useLogStore()
    const received = (count: number, firstSeq: number) =>
      batch(
        eventsFor(
          's',
          Array.from({ length: count }, (_, index) => ({
            type: 'received' as const,
            byteLength: 4,
            data: bytes(`r${firstSeq + index}`.padEnd(4, '.')),
          })),
          firstSeq,
        ),
      )
    log.applyBatch(received(60, 4))
    await settle()
    const before = wrapper.findAll('[role="listitem"]')
    expect(before.length).toBeGreaterThan(8)
    const textsBefore = before.map((row) => row.text())
    expect(textsBefore.at(-1)).toContain('r63.')
    log.applyBatch(received(60, 64))
    await settle()
    const after = wrapper.findAll('[role="listitem"]')
    expect(after.at(-1)!.text()).toContain('r123')
    // Same elements, new rows: nothing was torn down and built again.
    expect(after.map((row) => row.element)).toEqual(before.map((row) => row.element))
    expect(after[0]!.text()).not.toBe(textsBefore[0])
  })

  it('clears the session log', async () => {
    const wrapper = await mountLog()
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Clear')!
      .trigger('click')
    await settle()
    expect(rowTexts(wrapper)).toEqual([])
    // There was traffic: the empty log says it was cleared, not that nothing came yet.
    expect(wrapper.text()).toContain('Log cleared.')
    expect(wrapper.text()).not.toContain('No traffic yet')
  })

  it('exports rows as JSON Lines, CSV and text, saying first that this is the view, not the record', () => {
    const rows = useLogStore().find('s')!.rows.toArray()
    const t = (key: string) => key
    const jsonl = exportRows(rows, 'jsonl', t)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(jsonl[0]).toEqual({ note: 'logGaps.viewNote' })
    expect(jsonl[2]).toMatchObject({
      direction: 'received',
      peer: '127.0.0.1:50000',
      bytes: 5,
      hex: 'ff 00 be ef 41',
    })
    const csv = exportRows(rows, 'csv', t).split('\r\n')
    expect(csv[0]).toBe('seq,time,connectionId,direction,peer,bytes,text,hex,detail')
    expect(csv[1]).toBe(',,,note,,,,,logGaps.viewNote')
    expect(csv[3]).toContain(',received,127.0.0.1:50000,5,\\xff\\0\\xbe\\xefA,ff 00 be ef 41,')
    const text = exportRows(rows, 'text', t).split('\n')
    expect(text[0]).toBe('# logGaps.viewNote')
    expect(text[3]).toMatch(/sent {2}127\.0\.0\.1:50000 {2}2 B {2}hi$/)
  })
})
