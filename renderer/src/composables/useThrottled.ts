import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/**
 * `source`'s value, passed on at most once per `intervalMs`: a change after a quiet interval shows in the next
 * task, changes coming faster are gathered into one trailing update. Never in the task that made the change:
 * what redraws on the throttled value then redraws on its own, and the browser can paint between that and the
 * rest of the page's updates instead of after all of them.
 */
export function useThrottled<T>(source: () => T, intervalMs: number): Readonly<Ref<T>> {
  const value = shallowRef(source())
  let lastUpdate = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined

  function update(): void {
    timer = undefined
    lastUpdate = performance.now()
    value.value = source()
  }

  watch(source, () => {
    if (timer !== undefined) return
    timer = setTimeout(update, Math.max(0, lastUpdate + intervalMs - performance.now()))
  })
  onScopeDispose(() => clearTimeout(timer))
  return value
}
