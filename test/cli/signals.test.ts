import { afterEach, describe, expect, it, vi } from 'vitest'
import { onStopSignals } from '../../electron/cli/signals'

let release: (() => void) | undefined

afterEach(() => {
  release?.()
  release = undefined
})

describe('stop signals', () => {
  it('the first SIGINT asks for an orderly stop; a second one exits 130 at once', () => {
    const stop = vi.fn()
    const exit = vi.fn()
    release = onStopSignals(stop, exit)
    process.emit('SIGINT', 'SIGINT')
    expect(stop).toHaveBeenCalledTimes(1)
    expect(exit).not.toHaveBeenCalled()
    process.emit('SIGINT', 'SIGINT')
    expect(stop).toHaveBeenCalledTimes(1)
    expect(exit).toHaveBeenCalledWith(130)
  })

  it('SIGTERM stops in order too, and the handlers go away when released', () => {
    const stop = vi.fn()
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') }
    const releaseHandlers = onStopSignals(stop, vi.fn())
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM + 1)
    process.emit('SIGTERM', 'SIGTERM')
    expect(stop).toHaveBeenCalledTimes(1)
    releaseHandlers()
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM)
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT)
  })
})
