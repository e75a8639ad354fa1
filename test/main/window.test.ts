import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { BrowserWindow } from './fake-electron'
import { createMainWindow, preloadPath } from '../../electron/main/window'

vi.mock('electron', () => import('./fake-electron'))

const asFake = (window: unknown) => window as BrowserWindow

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer and loads the sandboxed CommonJS preload', () => {
    const window = asFake(createMainWindow({ url: 'app://renderer/index.html', devTools: false }))
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
      preload: preloadPath,
    })
    expect(preloadPath).toMatch(/[\\/]preload[\\/]index\.cjs$/)
  })

  it('writes the security options literally, where a static checker can see them', () => {
    const source = readFileSync(new URL('../../electron/main/window.ts', import.meta.url), 'utf8')
    for (const option of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webviewTag: false',
    ]) {
      expect(source).toContain(option)
    }
  })

  it('loads the given URL and shows the window once it is ready', () => {
    const window = asFake(createMainWindow({ url: 'http://localhost:5173/', devTools: true }))
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/')
    expect(window.options['show']).toBe(false)
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledOnce()
    expect(window.options['webPreferences']).toMatchObject({ devTools: true })
  })
})
