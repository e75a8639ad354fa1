import { resolve } from 'node:path'
import { BrowserWindow } from 'electron'

/** The built preload, next to the built main process (out/main → out/preload). CommonJS: it runs sandboxed. */
export const preloadPath = resolve(import.meta.dirname, '../preload/index.cjs')

export interface MainWindowOptions {
  url: string
  /** DevTools exist only in development. */
  devTools: boolean
}

export function createMainWindow({ url, devTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Socket Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: sandboxed, exposes one named function per channel only
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      // Checklist: no experimental web platform features, and no enableBlinkFeatures at all.
      experimentalFeatures: false,
      // Middle-click would open links in new windows; the open handler denies them, this stops the click itself.
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  })
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show())
  void window.loadURL(url)
  return window
}
