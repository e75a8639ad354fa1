import { app, BrowserWindow, session } from 'electron'
import { createWorkbench, type Workbench } from '../core/workbench'
import { forwardEvents } from './forwarder'
import { handle } from './ipc'
import { installMenu } from './menu'
import { registerAppScheme, rendererEntry, serveRenderer } from './protocol'
import { denyPermissions, hardenWebContents } from './security'
import { createMainWindow } from './window'

// Both must happen before `ready`.
registerAppScheme()
app.enableSandbox()

if (app.requestSingleInstanceLock()) start()
else app.quit()

function start(): void {
  const entry = rendererEntry()
  // Built at once (nothing is opened until a request comes), so quitting before `ready` still disposes it.
  const workbench: Workbench = createWorkbench({ dataDir: app.getPath('userData') })
  let mainWindow: BrowserWindow | null = null
  let disposing: Promise<void> | null = null
  let disposed = false

  function openMainWindow(): void {
    const window = createMainWindow({ url: entry.url, devTools: !app.isPackaged })
    forwardEvents(window, workbench.engine)
    window.once('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
  }

  /** Closes every socket, then quits; quitting waits for it so ports are free when the app is gone. */
  function disposeThenQuit(): void {
    disposing ??= workbench
      .dispose()
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
    handle(workbench.handlers, [entry.origin])
    installMenu({ isPackaged: app.isPackaged, platform: process.platform })
    openMainWindow()
  })
}
