import { EventEmitter } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi, type Mock } from 'vitest'

// A stand-in for the parts of `electron` the main process uses. Tests load it with
// `vi.mock('electron', () => import('./fake-electron'))`, so the real module (which would try to
// download the Electron binary) never loads.

type IpcListener = (event: unknown, ...args: unknown[]) => unknown

/** What an Electron event handler gets: something it can preventDefault(). */
export function fakeEvent() {
  return { preventDefault: vi.fn() }
}

export const ipcMain = {
  handlers: new Map<string, IpcListener>(),
  handle: vi.fn((channel: string, listener: IpcListener) => {
    if (ipcMain.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcMain.handlers.set(channel, listener)
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel)
  }),
}

/** shell.openExternal, exported on its own so tests can watch it (lint bans the property access). */
export const openExternal = vi.fn(async (_url: string) => undefined)
export const shell = { openExternal }

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
}

// Annotated: the inferred type would name undici's Response through a path tsc calls unportable.
export const net: { fetch: Mock<(url: string) => Promise<Response>> } = {
  fetch: vi.fn(async (url: string) => new Response(`fetched ${url}`)),
}

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
}

export class FakeWebContents extends EventEmitter {
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  readonly send = vi.fn()
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler
  })
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((window) => !window.destroyed)
  }

  readonly webContents = new FakeWebContents()
  destroyed = false
  readonly loadURL = vi.fn(async (_url: string) => undefined)
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  readonly isMinimized = vi.fn(() => false)

  constructor(readonly options: Record<string, unknown>) {
    super()
    BrowserWindow.created.push(this)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** What closing the window does in Electron: destroyed first, then 'closed'. */
  close(): void {
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

export class FakeSession {
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | undefined
  readonly setPermissionRequestHandler = vi.fn((handler: FakeSession['permissionRequestHandler']) => {
    this.permissionRequestHandler = handler
  })
  readonly setPermissionCheckHandler = vi.fn((handler: FakeSession['permissionCheckHandler']) => {
    this.permissionCheckHandler = handler
  })
}

export const session = { defaultSession: new FakeSession() }

class FakeApp extends EventEmitter {
  isPackaged = false
  private ready = false
  private markReady: () => void = () => undefined
  private readyPromise = this.newReadyPromise()
  readonly enableSandbox = vi.fn()
  readonly getPath = vi.fn((name: string) => join(tmpdir(), `fake-electron-${name}`))
  readonly requestSingleInstanceLock = vi.fn(() => true)
  readonly quit = vi.fn(() => {
    // Like Electron: quitting asks 'before-quit' listeners first; one may prevent it.
    const event = fakeEvent()
    this.emit('before-quit', event)
  })

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  isReady(): boolean {
    return this.ready
  }

  /** Test hook: as if the app had just been started. */
  restart(): void {
    this.removeAllListeners()
    this.isPackaged = false
    this.ready = false
    this.readyPromise = this.newReadyPromise()
  }

  private newReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.markReady = resolve
    })
  }

  /** Test hook: what Electron does when it has initialised. */
  becomeReady(): Promise<void> {
    this.ready = true
    this.markReady()
    return this.readyPromise
  }
}

export const app = new FakeApp()

/** Back to a freshly started Electron: no listeners, handlers, windows or recorded calls. */
export function resetFakeElectron(): void {
  vi.clearAllMocks()
  app.restart()
  ipcMain.handlers.clear()
  BrowserWindow.created.length = 0
}
