import { effectScope, nextTick, ref } from 'vue'
import { describe, expect, it } from 'vitest'
import { useGradualLimit } from '../../renderer/src/composables/useGradualLimit'

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

describe('useGradualLimit', () => {
  it('rises toward what is wanted by one step per animation frame, then stops', async () => {
    const wanted = ref(3)
    const scope = effectScope()
    const limit = scope.run(() => useGradualLimit(() => wanted.value, 8))!
    expect(limit.value).toBe(8)
    wanted.value = 30
    await nextTick()
    expect(limit.value).toBe(8)
    await nextFrame()
    expect(limit.value).toBe(16)
    for (let frame = 0; frame < 4; frame++) await nextFrame()
    expect(limit.value).toBe(32)
    scope.stop()
  })

  it('grows toward what is wanted from the start, and never falls when less is wanted', async () => {
    const wanted = ref(24)
    const scope = effectScope()
    const limit = scope.run(() => useGradualLimit(() => wanted.value, 8))!
    for (let frame = 0; frame < 4; frame++) await nextFrame()
    expect(limit.value).toBe(24)
    wanted.value = 2
    await nextFrame()
    expect(limit.value).toBe(24)
    scope.stop()
  })
})
