import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { inOwnFrame } from '../lib/frame-queue'

/**
 * `source`'s value, passed on at most once per `intervalMs`: changes coming faster are gathered into one trailing
 * update. Never in the task that made the change, but in an animation frame of its own (see inOwnFrame): what
 * redraws on the throttled value then redraws alone, and the browser draws a frame between that and the page's
 * other redraws instead of after all of them.
 */
export function useThrottled<T>(source: () => T, intervalMs: number): Readonly<Ref<T>> {
  const value = shallowRef(source())
  let lastUpdate = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelFrame: (() => void) | undefined

  function update(): void {
    cancelFrame = undefined
    lastUpdate = performance.now()
    value.value = source()
  }

  watch(source, () => {
    if (timer !== undefined || cancelFrame !== undefined) return
    timer = setTimeout(
      () => {
        timer = undefined
        cancelFrame = inOwnFrame(update)
      },
      Math.max(0, lastUpdate + intervalMs - performance.now()),
    )
  })
  onScopeDispose(() => {
    clearTimeout(timer)
    cancelFrame?.()
  })
  return value
}
