import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { TOKEN_PARAM, WEB_SOCKET_PATH } from '../shared'

// Who may talk to the web host: the per-run token proves the caller was shown the URL; the Host and Origin
// checks stop other web pages (including DNS-rebinding ones) from reaching it through the browser.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const WILDCARD_HOSTS = ['0.0.0.0', '::', '[::]']

export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Constant-time comparison: both sides are hashed first so the buffers always have equal length. */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false
  return timingSafeEqual(digest(expected), digest(candidate))
}

/** The host name as it appears in URLs and Host headers (IPv6 in brackets), lower-cased. */
export function urlHostname(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return (isIP(bare) === 6 ? `[${bare}]` : bare).toLowerCase()
}

export function isLoopbackHost(host: string): boolean {
  const name = urlHostname(host)
  return LOOPBACK_NAMES.includes(name) || /^127(\.\d{1,3}){3}$/.test(name)
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.includes(urlHostname(host))
}

/**
 * Host names a Host or Origin header may carry: loopback, the bind address, and when bound to every
 * interface the machine's own IP literals (an IP literal cannot be rebound by DNS).
 */
export function allowedHostnames(bindHost: string): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, urlHostname(bindHost)])
  if (isWildcardHost(bindHost)) {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(urlHostname(entry.address))
    }
  }
  return names
}

export interface GatePolicy {
  token: string
  port: number
  hostnames: Set<string>
}

export type GateVerdict = { ok: true } | { ok: false; status: number; reason: string }

const refuse = (status: number, reason: string): GateVerdict => ({ ok: false, status, reason })

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port)
  return url.protocol === 'https:' ? 443 : 80
}

function hostHeaderAllowed(header: string | undefined, policy: GatePolicy): boolean {
  if (header === undefined || header === '') return false
  let url: URL
  try {
    url = new URL(`http://${header}`)
  } catch {
    return false
  }
  return policy.hostnames.has(url.hostname) && portOf(url) === policy.port
}

function originAllowed(origin: string, policy: GatePolicy): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  return (
    url.protocol === 'http:' &&
    url.origin === origin.toLowerCase() &&
    policy.hostnames.has(url.hostname) &&
    portOf(url) === policy.port
  )
}

/** A header value made safe for a one-line log entry. */
export function quoteHeader(value: string | string[] | undefined): string {
  if (value === undefined) return '(none)'
  return JSON.stringify(String(value).slice(0, 200))
}

/**
 * The request target as a URL, or undefined when it is not a plain path: `//[` or `//a:99999` would make
 * `new URL(target, base)` throw (or read a foreign authority), `*` and absolute forms have no use here.
 */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined
  try {
    return new URL(`http://localhost${target}`)
  } catch {
    return undefined
  }
}

/** Plain HTTP (the static files): a plain path, our Host; an Origin, when a browser sends one, ours too. */
export function checkHttpRequest(request: IncomingMessage, policy: GatePolicy): GateVerdict {
  if (parseRequestTarget(request.url) === undefined) return refuse(400, 'malformed request path')
  if (!hostHeaderAllowed(request.headers.host, policy)) {
    return refuse(403, `foreign Host header ${quoteHeader(request.headers.host)}`)
  }
  const origin = request.headers.origin
  if (origin !== undefined && !originAllowed(origin, policy)) {
    return refuse(403, `foreign Origin ${quoteHeader(origin)}`)
  }
  return { ok: true }
}

/**
 * The WebSocket upgrade: right path, our Host, our Origin (browsers always send one; programs without an
 * Origin still need the token) and the per-run token.
 */
export function checkUpgrade(request: IncomingMessage, policy: GatePolicy): GateVerdict {
  const url = parseRequestTarget(request.url)
  if (url === undefined) return refuse(400, 'malformed request path')
  if (url.pathname !== WEB_SOCKET_PATH) return refuse(404, `unknown path ${quoteHeader(url.pathname)}`)
  const httpVerdict = checkHttpRequest(request, policy)
  if (!httpVerdict.ok) return httpVerdict
  const token = url.searchParams.get(TOKEN_PARAM)
  if (token === null) return refuse(401, 'missing token')
  if (!tokenMatches(policy.token, token)) return refuse(401, 'wrong token')
  return { ok: true }
}
