import type { BrowserWindow as ElectronWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EVENTS_CHANNEL, type EventBatch } from '../../electron/shared'
import { BrowserWindow } from './fake-electron'
import { createFakeEngine } from './fake-engine'
import { forwardEvents } from '../../electron/main/forwarder'
import { BatcherDefaults } from '../../electron/core/event-batcher'

vi.mock('electron', () => import('./fake-electron'))

describe('forwardEvents', () => {
  let fake: ReturnType<typeof createFakeEngine>
  let window: BrowserWindow

  beforeEach(() => {
    vi.useFakeTimers()
    fake = createFakeEngine()
    window = new BrowserWindow({})
    forwardEvents(window as unknown as ElectronWindow, fake.engine)
  })

  afterEach(() => {
    if (!window.isDestroyed()) window.close()
    vi.useRealTimers()
  })

  const sentBatches = () =>
    window.webContents.send.mock.calls.map(([channel, batch]) => {
      expect(channel).toBe(EVENTS_CHANNEL)
      return batch as EventBatch
    })

  it('sends the events of one interval as one batch on the events channel', () => {
    fake.emit('s1')
    fake.emit('s1', 'closed')
    expect(window.webContents.send).not.toHaveBeenCalled()
    vi.advanceTimersByTime(BatcherDefaults.intervalMs)
    const [batch] = sentBatches()
    expect(sentBatches()).toHaveLength(1)
    expect(batch?.events.map((event) => event.seq)).toEqual([1, 2])
    expect(batch?.stats['s1']?.session).toEqual(fake.engine.stats.mock.results.at(-1)?.value)
  })

  it('sends at once when a batch grows large', () => {
    for (let i = 0; i < BatcherDefaults.maxEventsBeforeFlush; i++) fake.emit('s1')
    expect(sentBatches()).toHaveLength(1)
    expect(sentBatches()[0]?.events).toHaveLength(BatcherDefaults.maxEventsBeforeFlush)
  })

  it('survives a batch that cannot be sent, and sends the next one', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    window.webContents.send.mockImplementationOnce(() => {
      throw new Error('An object could not be cloned.')
    })
    fake.emit('s1')
    expect(() => vi.advanceTimersByTime(BatcherDefaults.intervalMs)).not.toThrow()
    expect(logged).toHaveBeenCalledOnce()
    fake.emit('s1', 'closed')
    vi.advanceTimersByTime(BatcherDefaults.intervalMs)
    expect(sentBatches().at(-1)?.events).toEqual([expect.objectContaining({ state: 'closed' })])
    logged.mockRestore()
  })

  it('skips a window that was destroyed before its batch went out', () => {
    fake.emit('s1')
    window.destroyed = true
    vi.advanceTimersByTime(BatcherDefaults.intervalMs)
    expect(window.webContents.send).not.toHaveBeenCalled()
  })

  it('skips a window whose web contents are gone', () => {
    fake.emit('s1')
    window.webContents.destroyed = true
    vi.advanceTimersByTime(BatcherDefaults.intervalMs)
    expect(window.webContents.send).not.toHaveBeenCalled()
  })

  it('stops listening to the engine when the window closes', () => {
    expect(fake.listeners.size).toBe(1)
    fake.emit('s1')
    window.close()
    expect(fake.listeners.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
