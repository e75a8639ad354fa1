import { defineStore } from 'pinia'
import { markRaw, ref } from 'vue'
import type { GeneratorReport } from '../../../electron/shared/generator'
import type { EventBatch } from '../../../electron/shared/model'

/** Interval points kept per session for the rate chart: ten minutes at one a second. */
const MAX_POINTS = 600

/** One second of a run on the chart: when, what was asked, what was achieved (messages per second). */
export interface RatePoint {
  /** Seconds since the run started, at the interval's end. */
  at: number
  asked: number | null
  achieved: number
}

interface GeneratorView {
  /** The latest figures of this session's own generator (running, or the last run's summary). */
  sender: GeneratorReport | undefined
  /** Figures of another generator's measured messages arriving here. */
  receiver: GeneratorReport | undefined
  points: RatePoint[]
}

/** Each session's generator figures as 'generator' events bring them; Vue tracks only `version`. */
export const useGeneratorStore = defineStore('generator', () => {
  const views = new Map<string, GeneratorView>()
  const version = ref(0)

  function viewOf(sessionId: string): GeneratorView {
    let view = views.get(sessionId)
    if (view === undefined) {
      view = markRaw({ sender: undefined, receiver: undefined, points: [] })
      views.set(sessionId, view)
    }
    return view
  }

  function applyBatch(batch: EventBatch): void {
    let changed = false
    for (const event of batch.events) {
      if (event.type !== 'generator') continue
      const view = viewOf(event.sessionId)
      const { report } = event
      changed = true
      if (report.role === 'receiver') {
        view.receiver = report
        continue
      }
      // A new run starts a new chart.
      if (view.sender?.phase === 'done' && report.phase === 'running') view.points = []
      view.sender = report
      const interval = report.interval
      if (interval === undefined) continue
      view.points.push({
        at: (interval.startMs + interval.durationMs) / 1000,
        asked: report.askedRate,
        achieved: interval.rate,
      })
      if (view.points.length > MAX_POINTS) view.points.shift()
    }
    if (changed) version.value++
  }

  /** The answer to a start or stop request: figures before the first event arrives. */
  function note(sessionId: string, report: GeneratorReport): void {
    const view = viewOf(sessionId)
    if (report.phase === 'running' && view.sender?.phase !== 'running') view.points = []
    view.sender = report
    version.value++
  }

  function forget(sessionId: string): void {
    views.delete(sessionId)
    version.value++
  }

  return { version, viewOf, applyBatch, note, forget }
})
