import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

// The renderer-side parts of `electron` the preload uses. Loaded with
// `vi.mock('electron', () => import('./fake-electron-renderer'))`; the real module never loads.

export const contextBridge = { exposeInMainWorld: vi.fn() }

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (channel: string, request: unknown) => ({
    ok: true,
    value: { channel, request },
  }))
}

export const ipcRenderer = new FakeIpcRenderer()
