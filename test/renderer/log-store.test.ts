import { beforeEach, describe, expect, it } from 'vitest'
import { isReactive, nextTick } from 'vue'
import { useLogStore } from '../../renderer/src/stores/log'
import { useSettingsStore } from '../../renderer/src/stores/settings'
import { batch, bytes, eventsFor } from './fake-api'
import { setupRenderer } from './setup'

const received = (text: string) => ({
  type: 'received' as const,
  byteLength: bytes(text).byteLength,
  data: bytes(text),
})

describe('log store', () => {
  beforeEach(() => {
    setupRenderer()
  })

  it('keeps at most the configured number of rows and counts the ones it dropped', () => {
    const settings = useSettingsStore()
    settings.setLogCapacity(100)
    const log = useLogStore()
    const events = eventsFor(
      's',
      Array.from({ length: 250 }, (_, i) => received(`m${i}`)),
    )
    log.applyBatch(batch(events.slice(0, 120)))
    log.applyBatch(batch(events.slice(120)))
    const session = log.find('s')
    expect(session?.rows.length).toBe(100)
    expect(session?.dropped).toBe(150)
    expect(session?.rows.at(0)?.event.seq).toBe(151)
    expect(session?.rows.at(99)?.event.seq).toBe(250)
  })

  it('defaults to 100,000 rows per session', () => {
    const log = useLogStore()
    log.applyBatch(batch(eventsFor('s', [received('x')])))
    expect(log.find('s')?.rows.capacity).toBe(100_000)
  })

  it('adds up rows the host omitted, per session', () => {
    const log = useLogStore()
    log.applyBatch(batch([], { omitted: { s: 40 } }))
    log.applyBatch(batch([], { omitted: { s: 2, t: 5 } }))
    expect(log.find('s')?.omitted).toBe(42)
    expect(log.find('t')?.omitted).toBe(5)
  })

  it('counts rows dropped when the capacity shrinks', async () => {
    const settings = useSettingsStore()
    const log = useLogStore()
    log.applyBatch(
      batch(
        eventsFor(
          's',
          Array.from({ length: 300 }, () => received('x')),
        ),
      ),
    )
    settings.setLogCapacity(100)
    await nextTick()
    expect(log.find('s')?.rows.length).toBe(100)
    expect(log.find('s')?.dropped).toBe(200)
  })

  it('keeps rows out of Vue reactivity and bumps a version instead', () => {
    const log = useLogStore()
    const before = log.version
    log.applyBatch(batch(eventsFor('s', [received('x')])))
    expect(log.version).toBe(before + 1)
    expect(isReactive(log.find('s'))).toBe(false)
    expect(isReactive(log.find('s')?.rows.at(0))).toBe(false)
  })

  it('names the peer of rows that carry only a connection id, and leaves out state events', () => {
    const log = useLogStore()
    const local = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const }
    const remote = { address: '127.0.0.1', port: 50_000, family: 'IPv4' as const }
    const events = eventsFor('s', [
      { type: 'accept', local, remote },
      received('hi'),
      { type: 'state', state: 'listening' },
    ])
    log.applyBatch(
      batch(events.map((event) => (event.type === 'state' ? event : { ...event, connectionId: 'c1' }))),
    )
    const rows = log.find('s')?.rows.toArray() ?? []
    expect(rows.map((row) => [row.event.type, row.peer, row.bytes])).toEqual([
      ['accept', '127.0.0.1:50000', undefined],
      ['received', '127.0.0.1:50000', 2],
    ])
  })

  it('clears a session log and its counts', () => {
    const log = useLogStore()
    log.applyBatch(batch(eventsFor('s', [received('x')]), { omitted: { s: 3 } }))
    log.clear('s')
    expect(log.find('s')).toMatchObject({ dropped: 0, omitted: 0 })
    expect(log.find('s')?.rows.length).toBe(0)
  })
})
