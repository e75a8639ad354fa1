import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Channels } from '../../electron/shared'
import type { createFakeEngine } from './fake-engine'

// electron/main/index.ts runs on import, like the real entry: each test loads it afresh against a fresh
// fake electron and a fake engine, then plays the app's lifecycle events.

vi.mock('electron', () => import('./fake-electron'))
vi.mock('../../electron/core/engine', async () => {
  const { createFakeEngine } = await import('./fake-engine')
  const engines: ReturnType<typeof createFakeEngine>['engine'][] = []
  class SessionManager {
    constructor() {
      const { engine } = createFakeEngine()
      engines.push(engine)
      return engine
    }
  }
  return { SessionManager, engines }
})

type FakeElectron = typeof import('./fake-electron')
type FakeEngine = ReturnType<typeof createFakeEngine>['engine']

let electron: FakeElectron
const originalPlatform = process.platform

/** Runs the entry afresh, as Electron would; `lock` is what the single-instance lock answers. */
async function startApp({ lock = true } = {}): Promise<{ engines: FakeEngine[] }> {
  // Mocks outlive resetModules: the same fake electron, reset, is what index.ts gets each time.
  electron = (await import('electron')) as unknown as FakeElectron
  electron.resetFakeElectron()
  electron.app.requestSingleInstanceLock.mockReturnValue(lock)
  const { engines } = (await import('../../electron/core/engine')) as unknown as { engines: FakeEngine[] }
  const before = engines.length
  vi.resetModules()
  await import('../../electron/main/index')
  return { engines: engines.slice(before) }
}

async function startReadyApp() {
  const started = await startApp()
  await electron.app.becomeReady()
  // Let the whenReady continuation run.
  await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1))
  const [engine] = started.engines
  if (engine === undefined) throw new Error('no engine was created')
  return { engine, window: electron.BrowserWindow.getAllWindows()[0]! }
}

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  Object.defineProperty(process, 'platform', { value: 'linux' })
})

afterEach(() => {
  vi.unstubAllEnvs()
  Object.defineProperty(process, 'platform', { value: originalPlatform })
})

describe('app lifecycle (electron/main/index.ts)', () => {
  it('before ready: registers the app:// scheme, enables the sandbox, opens nothing', async () => {
    await startApp()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce()
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce()
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce()
    expect(electron.BrowserWindow.created).toHaveLength(0)
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('on ready: denies permissions, serves app://, registers every channel, installs the menu, opens one window', async () => {
    const { window } = await startReadyApp()
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce()
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce()
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(Channels).sort())
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
    expect(window.loadURL).toHaveBeenCalledWith('app://renderer/index.html')
  })

  it('hardens every web contents the app creates', async () => {
    await startApp()
    const contents = new electron.FakeWebContents()
    electron.app.emit('web-contents-created', {}, contents)
    const navigation = electron.fakeEvent()
    contents.emit('will-navigate', navigation, 'https://example.com/')
    expect(navigation.preventDefault).toHaveBeenCalledOnce()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })

  it('closing the last window on Linux/Windows closes every socket, then quits', async () => {
    const { engine, window } = await startReadyApp()
    window.close()
    electron.app.emit('window-all-closed')
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce())
    expect(engine.disposeAll).toHaveBeenCalledOnce()
    expect(engine.disposeAll.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.quit.mock.invocationCallOrder[0]!,
    )
  })

  it('holds a quit until every socket is closed, then lets it through', async () => {
    const { engine } = await startReadyApp()
    let finishDisposal: () => void = () => undefined
    engine.disposeAll.mockReturnValueOnce(
      new Promise<undefined>((resolve) => (finishDisposal = () => resolve(undefined))),
    )

    const quit = electron.fakeEvent()
    electron.app.emit('before-quit', quit)
    expect(quit.preventDefault).toHaveBeenCalledOnce()
    expect(engine.disposeAll).toHaveBeenCalledOnce()
    expect(electron.app.quit).not.toHaveBeenCalled()

    finishDisposal()
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce())
    const secondQuit = electron.fakeEvent()
    electron.app.emit('before-quit', secondQuit)
    expect(secondQuit.preventDefault).not.toHaveBeenCalled()
    expect(engine.disposeAll).toHaveBeenCalledOnce()
  })

  it('still quits when closing the sockets fails', async () => {
    const { engine } = await startReadyApp()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    engine.disposeAll.mockRejectedValueOnce(new Error('boom'))
    electron.app.emit('before-quit', electron.fakeEvent())
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce())
    expect(consoleError).toHaveBeenCalledOnce()
    consoleError.mockRestore()
  })

  it('keeps running without windows on macOS, and reopens its window on activate', async () => {
    Object.defineProperty(process, 'platform', { value: 'darwin' })
    const { engine, window } = await startReadyApp()
    window.close()
    electron.app.emit('window-all-closed')
    expect(engine.disposeAll).not.toHaveBeenCalled()
    electron.app.emit('activate')
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1)
  })

  it('a second instance focuses the existing window instead of opening another', async () => {
    const { window } = await startReadyApp()
    window.isMinimized.mockReturnValue(true)
    electron.app.emit('second-instance')
    expect(window.restore).toHaveBeenCalledOnce()
    expect(window.focus).toHaveBeenCalledOnce()
    expect(electron.BrowserWindow.created).toHaveLength(1)
  })

  it('quits at once, without an engine, when another instance holds the lock', async () => {
    const { engines } = await startApp({ lock: false })
    expect(electron.app.quit).toHaveBeenCalledOnce()
    expect(engines).toHaveLength(0)
    await electron.app.becomeReady()
    expect(electron.BrowserWindow.created).toHaveLength(0)
  })
})
