import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { app, net, protocol } from './fake-electron'
import {
  APP_ORIGIN,
  registerAppScheme,
  rendererEntry,
  resolveRendererFile,
  serveRenderer,
} from '../../electron/main/protocol'

vi.mock('electron', () => import('./fake-electron'))

const root = mkdtempSync(join(tmpdir(), 'renderer-root-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('resolveRendererFile', () => {
  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/assets/index-abc.js', join('assets', 'index-abc.js')],
    ['app://renderer/assets/my%20font.woff2?v=1#x', join('assets', 'my font.woff2')],
    // The URL parser folds literal dot segments before we see them, so these stay inside the root.
    ['app://renderer/../../etc/passwd', join('etc', 'passwd')],
    ['app://renderer/assets/../index.html', 'index.html'],
  ])('maps %s inside the root', (url, relative) => {
    expect(resolveRendererFile(root, url)).toBe(join(root, relative))
  })

  it.each([
    'app://renderer/..%2F..%2Fetc%2Fpasswd',
    'app://renderer/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://renderer/assets/..%2F..%2F..%2Fhome',
    'app://renderer/%2e%2e%2f',
    'app://renderer/..%2f',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
    'app://other-host/index.html',
    'app://renderer.evil/index.html',
    'https://renderer/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull()
  })

  it('never returns a path outside the root, whatever the encoding', () => {
    const encodings = ['..', '%2e%2e', '%2E.', '.%2e']
    const separators = ['/', '%2f', '%2F', '%5c']
    for (const dots of encodings) {
      for (const slash of separators) {
        const file = resolveRendererFile(root, `app://renderer/${dots}${slash}${dots}${slash}secret`)
        expect(file === null || file.startsWith(root + sep), `${dots}${slash} gave ${file}`).toBe(true)
      }
    }
  })
})

describe('the app:// scheme', () => {
  beforeEach(() => vi.clearAllMocks())

  it('is registered as standard and secure (before ready)', () => {
    registerAppScheme()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
  })

  it('serves files of the root and answers 404 to a traversal without touching the disk', async () => {
    serveRenderer(root)
    const [scheme, handler] = protocol.handle.mock.calls[0] as [
      string,
      (request: Request) => Promise<Response>,
    ]
    expect(scheme).toBe('app')

    const refused = await handler(new Request('app://renderer/..%2F..%2Fetc%2Fpasswd'))
    expect(refused.status).toBe(404)
    expect(net.fetch).not.toHaveBeenCalled()

    const served = await handler(new Request('app://renderer/assets/app.js'))
    expect(net.fetch).toHaveBeenCalledExactlyOnceWith(pathToFileURL(join(root, 'assets', 'app.js')).href)
    expect(await served.text()).toBe(`fetched ${pathToFileURL(join(root, 'assets', 'app.js')).href}`)
    // The built renderer needs no inline styles: the header takes the meta tag's 'unsafe-inline' away.
    expect(served.headers.get('content-security-policy')).toBe("style-src 'self'")
  })
})

describe('rendererEntry', () => {
  const devUrl = 'http://localhost:5173/'

  afterEach(() => {
    vi.unstubAllEnvs()
    app.isPackaged = false
  })

  it('loads the dev server in development', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', devUrl)
    expect(rendererEntry()).toEqual({ url: devUrl, origin: 'http://localhost:5173' })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', devUrl)
    app.isPackaged = true
    expect(rendererEntry()).toEqual({ url: `${APP_ORIGIN}/index.html`, origin: 'app://renderer' })
  })

  it('loads the built files when no dev server is set', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
    expect(rendererEntry().url).toBe('app://renderer/index.html')
  })
})
