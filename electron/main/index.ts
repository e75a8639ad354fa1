import { join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { SessionManager } from '../core/engine'
import { createHandlerTable } from '../core/handler-table'
import { ProfileStore } from '../core/profiles'
import type { SessionEngine } from '../core/session-engine'
import { forwardEvents } from './forwarder'
import { handle } from './ipc'
import { installMenu } from './menu'
import { registerAppScheme, rendererEntry, serveRenderer } from './protocol'
import { denyPermissions, hardenWebContents } from './security'
import { createMainWindow } from './window'

// Both must happen before `ready`.
registerAppScheme()
app.enableSandbox()

if (app.requestSingleInstanceLock()) start(new SessionManager())
else app.quit()

function start(engine: SessionEngine): void {
  const entry = rendererEntry()
  let mainWindow: BrowserWindow | null = null
  let disposing: Promise<void> | null = null
  let disposed = false

  function openMainWindow(): void {
    const window = createMainWindow({ url: entry.url, devTools: !app.isPackaged })
    forwardEvents(window, engine)
    window.once('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
  }

  /** Closes every socket, then quits; quitting waits for it so ports are free when the app is gone. */
  function disposeThenQuit(): void {
    disposing ??= engine
      .disposeAll()
      .catch((error: unknown) => console.error('Closing sockets on quit failed:', error))
      .finally(() => {
        disposed = true
        app.quit()
      })
  }

  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('before-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    disposeThenQuit()
  })
  app.on('window-all-closed', () => {
    // macOS keeps the app (and its sessions) alive without windows, as its apps do.
    if (process.platform !== 'darwin') disposeThenQuit()
  })
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow()
  })

  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession)
    serveRenderer()
    const dataDir = app.getPath('userData')
    const handlers = createHandlerTable({
      engine,
      profiles: new ProfileStore({ dataDir }),
      captureDir: join(dataDir, 'captures'),
    })
    handle(handlers, [entry.origin])
    installMenu({ isPackaged: app.isPackaged, platform: process.platform })
    openMainWindow()
  })
}
