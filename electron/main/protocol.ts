import { resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, net, protocol } from 'electron'
import { BUILT_RENDERER_CSP } from '../shared/content-security'

export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
/** Origin of the packaged renderer; IPC trusts only this (and the dev server in development). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The built renderer, next to the built main process (out/main → out/renderer). */
export const rendererRoot = resolve(import.meta.dirname, '../renderer')

/** Must run before `ready`: a standard, secure scheme gets a real origin, like https. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** The file an app:// URL names inside `root`, or null when it would leave `root` or is not ours. */
export function resolveRendererFile(root: string, url: string): string | null {
  if (!URL.canParse(url)) return null
  const { protocol: scheme, host, pathname } = new URL(url)
  if (scheme !== `${APP_SCHEME}:` || host !== APP_HOST) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  // URL parsing folds literal '..' segments, but encoded separators (%2F, %5C) survive until decoded.
  const file = resolve(base, `.${decoded === '/' || decoded === '' ? '/index.html' : decoded}`)
  return file.startsWith(base + sep) ? file : null
}

/** Serves the built renderer under app://renderer/ and nothing else, each file with the built renderer's CSP. */
export function serveRenderer(root: string = rendererRoot): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(root, request.url)
    if (file === null) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).href)
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', BUILT_RENDERER_CSP)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  })
}

export interface RendererEntry {
  url: string
  /** The origin IPC requests must come from. */
  origin: string
}

/** The dev server while developing (electron-vite sets ELECTRON_RENDERER_URL); the app's own files otherwise. */
export function rendererEntry(): RendererEntry {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (!app.isPackaged && devUrl !== undefined && URL.canParse(devUrl)) {
    return { url: devUrl, origin: new URL(devUrl).origin }
  }
  return { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN }
}
