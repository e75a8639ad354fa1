import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/**
 * A limit that rises toward `wanted()` by at most `step` per animation frame and never falls. Content mounted
 * in bulk — a screenful of log rows at the start of a flood, with the code still cold — then appears over a
 * few frames instead of holding one frame for all of it.
 */
export function useGradualLimit(wanted: () => number, step: number): Readonly<Ref<number>> {
  const limit = shallowRef(step)
  let frame: number | undefined

  function grow(): void {
    frame = undefined
    limit.value += step
    if (wanted() > limit.value) frame = requestAnimationFrame(grow)
  }

  watch(
    wanted,
    (count) => {
      if (count > limit.value && frame === undefined) frame = requestAnimationFrame(grow)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    if (frame !== undefined) cancelAnimationFrame(frame)
  })
  return limit
}
