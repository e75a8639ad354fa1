import { defineStore } from 'pinia'
import { markRaw, shallowRef } from 'vue'
import type { EventBatch } from '../../../electron/shared/model'
import { TimelineBuilder, type TimelineView } from '../../../electron/shared/view/timeline'

/** Each session's timeline, built as batches arrive. Vue tracks only `version`; the builders stay plain. */
export const useTimelineStore = defineStore('timeline', () => {
  const builders = markRaw(new Map<string, TimelineBuilder>())
  /** Bumped on every batch; views read it (throttled) to know when to draw again. */
  const version = shallowRef(0)

  function builderOf(sessionId: string): TimelineBuilder {
    let builder = builders.get(sessionId)
    if (!builder) {
      builder = new TimelineBuilder()
      builders.set(sessionId, builder)
    }
    return builder
  }

  function applyBatch(batch: EventBatch): void {
    for (const event of batch.events) builderOf(event.sessionId).add(event)
    const omitted = Object.entries(batch.omitted)
    for (const [sessionId, count] of omitted) builderOf(sessionId).noteOmitted(count)
    if (batch.events.length > 0 || omitted.length > 0) version.value++
  }

  /** The session's timeline, or undefined before its first event. Read `version` to stay reactive. */
  function viewOf(sessionId: string): TimelineView | undefined {
    return builders.get(sessionId)?.view()
  }

  function forget(sessionId: string): void {
    builders.delete(sessionId)
    version.value++
  }

  return { version, applyBatch, viewOf, forget }
})
