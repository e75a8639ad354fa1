import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { inOwnFrame } from '../lib/frame-queue'

/**
 * A limit that rises toward `wanted()` by at most `step` per animation frame and never falls. Content mounted
 * in bulk — a screenful of log rows at the start of a flood, with the code still cold — then appears over a
 * few frames instead of holding one frame for all of it; each step in a frame of its own (see inOwnFrame), not
 * in the one where the log redraws.
 */
export function useGradualLimit(wanted: () => number, step: number): Readonly<Ref<number>> {
  const limit = shallowRef(step)
  let cancelFrame: (() => void) | undefined

  function grow(): void {
    cancelFrame = undefined
    limit.value += step
    if (wanted() > limit.value) cancelFrame = inOwnFrame(grow)
  }

  watch(
    wanted,
    (count) => {
      if (count > limit.value && cancelFrame === undefined) cancelFrame = inOwnFrame(grow)
    },
    { immediate: true },
  )
  onScopeDispose(() => cancelFrame?.())
  return limit
}
