import type { BrowserWindow } from 'electron'
import { EVENTS_CHANNEL } from '../shared'
import { createEventBatcher, type EventBatcherOptions } from '../core/event-batcher'

/** Sends the engine's events to one window in batches until the window closes. Returns the stop function. */
export function forwardEvents(window: BrowserWindow, engine: EventBatcherOptions['engine']): () => void {
  const batcher = createEventBatcher({
    engine,
    send: (batch) => {
      if (window.isDestroyed() || window.webContents.isDestroyed()) return
      window.webContents.send(EVENTS_CHANNEL, batch)
    },
  })
  window.once('closed', () => batcher.dispose())
  return () => batcher.dispose()
}
