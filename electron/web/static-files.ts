import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { BUILT_RENDERER_CSP } from '../shared/content-security'
import { parseRequestTarget } from './websocket-gate'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** Headers on every answer: no sniffing, no framing by other pages, no caching of a per-run app. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // frame-ancestors is ignored in a <meta> CSP, so it is sent as a header; the built renderer needs no inline styles.
  'Content-Security-Policy': `frame-ancestors 'none'; ${BUILT_RENDERER_CSP}`,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a request path to a file strictly inside `root`, or undefined when the path is malformed or escapes
 * the root (`..`, encoded separators, NUL bytes).
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const base = resolve(root)
  const target = resolve(base, relative)
  return target.startsWith(base + sep) ? target : undefined
}

/**
 * The file's real path (symbolic links resolved) when it is still inside the real `root`; undefined when it is
 * missing or a link leads out of the folder. The real path is what gets read, so a link swapped in afterwards
 * is not followed.
 */
export async function realFileInside(root: string, file: string): Promise<string | undefined> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]).catch(() => [])
  if (realRoot === undefined || realFile === undefined) return undefined
  return realFile.startsWith(realRoot + sep) ? realFile : undefined
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${text}\n`)
}

/**
 * Serves files of the built renderer: GET/HEAD only, content types by extension, never outside `root` (not even
 * through a symbolic link).
 */
export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    answer(response, 405, 'Method not allowed')
    return
  }
  const target = parseRequestTarget(request.url)
  const requested = target === undefined ? undefined : resolveInside(root, target.pathname)
  if (requested === undefined) {
    answer(response, 400, 'Bad path')
    return
  }
  const file = await realFileInside(root, requested)
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined)
  if (file === undefined || info === undefined || !info.isFile()) {
    answer(response, 404, 'Not found')
    return
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(requested),
    'Content-Length': info.size,
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response)
}
