import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isDataEvent, type EventBatch, type SessionEvent } from '../../electron/shared/model'
import { exportRows } from '../../electron/shared/view/log-export'
import TrafficLog from '../../renderer/src/components/log/TrafficLog.vue'
import { i18n } from '../../renderer/src/i18n'
import { useLogStore } from '../../renderer/src/stores/log'
import { batch, bytes, sessionInfo } from './fake-api'
import { setupRenderer } from './setup'

// Issue 14, "Silent gaps in the log": under a flood the batcher leaves rows out of the display; the log and its
// exports must say how many, exactly where.

const peer = { address: '127.0.0.1', port: 50_000, family: 'IPv4' as const }

/**
 * Batches as the host's batcher (electron/core/event-batcher.ts) cuts them under a flood: per tick, the first
 * `keep` data rows of a session travel, the others are only counted in `omitted`; every event keeps its number.
 */
function floodRig(keep = 10) {
  let seq = 0
  let events: SessionEvent[] = []
  let omitted = 0
  let dataRows = 0
  const emit = (body: Record<string, unknown>) => {
    seq += 1
    const event = { ...body, sessionId: 's', seq, time: 1_000 + seq } as SessionEvent
    if (isDataEvent(event) && ++dataRows > keep) omitted += 1
    else events.push(event)
  }
  const datagram = () => {
    const data = bytes(`#${seq + 1}`)
    emit({ type: 'received', byteLength: data.byteLength, data, remote: peer })
  }
  const tick = (): EventBatch => {
    const cut = batch(events, { omitted: omitted > 0 ? { s: omitted } : {} })
    events = []
    omitted = 0
    dataRows = 0
    useLogStore().applyBatch(cut)
    return cut
  }
  return { emit, datagram, tick }
}

describe('gaps in the log', () => {
  let context: ReturnType<typeof setupRenderer>
  beforeEach(() => {
    context = setupRenderer()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** 1 socket step, then 30 datagrams in one tick (10 kept, 20 left out), then 5 more in the next. */
  function flood() {
    const rig = floodRig()
    rig.emit({ type: 'bind', local: peer })
    for (let index = 0; index < 30; index++) rig.datagram()
    const first = rig.tick()
    const afterFirstTick = useLogStore().trailingGap(useLogStore().find('s')!)
    for (let index = 0; index < 5; index++) rig.datagram()
    rig.emit({ type: 'state', state: 'bound' })
    rig.emit({ type: 'close', scope: 'session', cause: 'local' })
    rig.tick()
    return { first, afterFirstTick }
  }

  it('marks the rows the batcher left out exactly where they were, and those after the newest row', () => {
    const { first, afterFirstTick } = flood()
    expect(first.omitted).toEqual({ s: 20 })
    // Until the next event arrives, the 20 left out come after the newest row.
    expect(afterFirstTick).toBe(20)
    const log = useLogStore().find('s')!
    const rows = log.rows.toArray()
    expect(rows.map((row) => row.event.seq)).toEqual([1, ...range(2, 11), 32, 33, 34, 35, 36, 38])
    expect(
      rows.filter((row) => row.missingBefore > 0).map((row) => [row.event.seq, row.missingBefore]),
    ).toEqual([[32, 20]])
    expect(useLogStore().trailingGap(log)).toBe(0)
    // Every event is either a row, the state change (not a row), or counted as left out.
    expect(rows.length + 1 + log.omitted).toBe(38)
  })

  it('shows a marker row "N rows not shown here" between the rows around the gap', async () => {
    flood()
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(2_000)
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800)
    const wrapper = mount(TrafficLog, {
      props: { session: sessionInfo('s', 'udp') },
      global: { plugins: context.plugins },
    })
    await vi.waitFor(() => expect(wrapper.findAll('[role="listitem"]').length).toBe(17), { timeout: 5_000 })
    const lines = wrapper
      .findAll('[role="listitem"], [role="note"]')
      .map((element) => element.text().replace(/\s+/g, ' '))
    const marker = lines.indexOf('20 rows not shown here')
    expect(marker).toBeGreaterThan(0)
    expect(lines[marker - 1]).toContain('#11')
    expect(lines[marker + 1]).toContain('#32')
    wrapper.unmount()
  })

  it('puts the same markers in every export, which says it is a view and points to Record to file', () => {
    flood()
    const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})
    const log = useLogStore().find('s')!
    const text = exportRows(log.rows.toArray(), 'text', t).split('\n')
    expect(text[0]).toMatch(/^# This export is the log view.*Record to file keeps every event\.$/)
    const marker = text.indexOf('… 20 rows not shown here')
    expect(text[marker - 1]).toMatch(/#11$/)
    expect(text[marker + 1]).toMatch(/#32$/)
    const jsonl = exportRows(log.rows.toArray(), 'jsonl', t)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(jsonl.filter((line) => 'notShown' in line)).toEqual([
      { notShown: 20, note: '20 rows not shown here' },
    ])
    const csv = exportRows(log.rows.toArray(), 'csv', t, { trailing: 3 }).trim().split('\r\n')
    expect(csv.filter((line) => line.includes(',not-shown,'))).toEqual([
      ',,,not-shown,,,,,20 rows not shown here',
      ',,,not-shown,,,,,3 rows not shown here',
    ])
    expect(csv.at(-1)).toContain('3 rows not shown here')
  })
})

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index)
}
