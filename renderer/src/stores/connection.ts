import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { EventBatch } from '../../../electron/shared/model'
import type { Transport, TransportStatus } from '../api/transport'
import { createBatchPacer } from '../lib/batch-pacer'
import { pageClock } from '../lib/timestamps'
import { useGeneratorStore } from './generator'
import { useLogStore } from './log'
import { useSessionsStore } from './sessions'
import { useTimelineStore } from './timeline'

/** Under a flood the page takes in what the host sent this often (see createBatchPacer); the log redraws as often. */
export const APPLY_BATCHES_EVERY_MS = 100

interface ReceivedBatch {
  batch: EventBatch
  at: number
}

/** Wires a transport to the stores: event batches in, and the connection status for the banner. */
export const useConnectionStore = defineStore('connection', () => {
  const status = ref<TransportStatus>('connecting')
  /** The host was reached and is gone now: what the page shows about sockets is not known any more. */
  const hostLost = computed(
    () => status.value === 'closed' || status.value === 'restarted' || status.value === 'gone',
  )
  /** When the link was lost (Date.now()): uptimes stop there. */
  const lostAt = ref<number>()

  function attach(transport: Transport): () => void {
    const sessions = useSessionsStore()
    const log = useLogStore()
    const timeline = useTimelineStore()
    const generator = useGeneratorStore()
    status.value = transport.status()
    const pacer = createBatchPacer<ReceivedBatch>((received) => {
      for (const { batch, at } of received) {
        log.applyBatch(batch)
        sessions.applyBatch(batch, at)
        timeline.applyBatch(batch)
        generator.applyBatch(batch)
      }
    }, APPLY_BATCHES_EVERY_MS)
    const stopEvents = transport.api.onEvents((batch) => pacer.push({ batch, at: pageClock() }))
    const stopStatus = transport.onStatus((next) => {
      // What the host sent before the link changed is taken in first.
      pacer.flush()
      status.value = next
      if (!hostLost.value) lostAt.value = undefined
      else lostAt.value ??= Date.now()
      // After (re)connecting the host is the truth: sessions may have changed meanwhile.
      if (next === 'open') void sessions.refresh()
    })
    if (status.value !== 'no-token' && status.value !== 'refused') void sessions.refresh()
    return () => {
      stopEvents()
      pacer.flush()
      stopStatus()
    }
  }

  return { status, hostLost, lostAt, attach }
})
