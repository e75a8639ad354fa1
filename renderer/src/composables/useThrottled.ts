import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/**
 * `source`'s value, passed on at most once per `intervalMs`: a change after a quiet interval shows at once,
 * changes coming faster are gathered into one trailing update.
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
    const wait = lastUpdate + intervalMs - performance.now()
    if (wait <= 0) update()
    else timer = setTimeout(update, wait)
  })
  onScopeDispose(() => clearTimeout(timer))
  return value
}
