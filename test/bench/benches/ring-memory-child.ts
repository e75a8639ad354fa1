// Runs alone (node --expose-gc --import tsx) so nothing else lives in its heap. Prints one JSON line.
import { createPinia, setActivePinia } from 'pinia'
import type { EventBatch, SessionEvent } from '../../../electron/shared/model'

const ROWS = 1_000_000
const BATCH = 500
const PAYLOAD_BYTES = 64

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')

/** Live memory after a full collection: JS heap plus the ArrayBuffers payloads live in. */
function liveMegabytes(): number {
  gc!()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return (heapUsed + arrayBuffers) / (1024 * 1024)
}

let seq = 0
function batch(): EventBatch {
  const events: SessionEvent[] = []
  for (let i = 0; i < BATCH; i++) {
    seq++
    events.push({
      type: 'received',
      sessionId: 's1',
      seq,
      time: 1_700_000_000_000 + seq,
      byteLength: PAYLOAD_BYTES,
      // Each row its own payload, as rows decoded from the wire are.
      data: new Uint8Array(PAYLOAD_BYTES).fill(seq & 0xff),
      remote: { address: '127.0.0.1', port: 40_000 + (seq % 100), family: 'IPv4' },
    })
  }
  return { events, omitted: {}, stats: {} }
}

/** What this benchmark uses of the renderer's stores (typed here: renderer/ is outside the Node project). */
interface StoreModules {
  log: {
    useLogStore(): {
      applyBatch(batch: EventBatch): void
      find(id: string): { rows: { length: number } } | undefined
    }
  }
  settings: { useSettingsStore(): { logCapacity: number } }
}
const load = (path: string): Promise<unknown> => import(new URL(path, import.meta.url).href)

setActivePinia(createPinia())
const { useLogStore } = (await load('../../../renderer/src/stores/log.ts')) as StoreModules['log']
const { useSettingsStore } = (await load(
  '../../../renderer/src/stores/settings.ts',
)) as StoreModules['settings']
const log = useLogStore()
const capacity = useSettingsStore().logCapacity

const before = liveMegabytes()
let pushed = 0
const pushUntil = (rows: number): void => {
  for (; pushed < rows; pushed += BATCH) log.applyBatch(batch())
}
pushUntil(capacity)
const full = liveMegabytes()
pushUntil(ROWS)
const after = liveMegabytes()
const kept = log.find('s1')?.rows.length ?? 0

process.stdout.write(`${JSON.stringify({ capacity, pushed, kept, before, full, after })}\n`)
