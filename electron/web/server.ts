import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { SessionEngine } from '../core/session-engine'
import { createWorkbench } from '../core/workbench'
import { MAX_WEB_FRAME_BYTES, TOKEN_PARAM } from '../shared'
import { serveConnection } from './connection'
import { limitConnections, serverTimeoutOptions, WebLimitDefaults, type WebLimits } from './connection-limits'
import { prepareDataDir } from './data-dir'
import { createRefusalLog } from './refusal-log'
import { SECURITY_HEADERS, serveStatic } from './static-files'
import {
  allowedHostnames,
  checkHttpRequest,
  checkUpgrade,
  createToken,
  isWildcardHost,
  quoteHeader,
  urlHostname,
  type GatePolicy,
} from './websocket-gate'

export const DEFAULT_WEB_HOST = '127.0.0.1'

export interface WebHostOptions {
  port: number
  /** Bind address; loopback unless told otherwise. */
  host?: string
  /** Where profiles are stored; default: the per-user config folder. Created when missing. */
  dataDir?: string
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** The engine behind the handler table; default: a fresh SessionManager. Disposed by close(). */
  engine?: SessionEngine
  /** One line per refusal or fault; default: stderr. Refusals are rate-limited (see refusal-log.ts). */
  log?: (line: string) => void
  /** Connection caps and timeouts; default: WebLimitDefaults. */
  limits?: Partial<WebLimits>
}

export interface WebHost {
  /** The address to open, token included (`http://127.0.0.1:N/#token=…`). */
  url: string
  token: string
  port: number
  host: string
  dataDir: string
  /** Closes every client and the listener, and disposes the engine's sockets. */
  close(): Promise<void>
}

const logToStderr = (line: string): void => void process.stderr.write(`${line}\n`)

function peerLabel(request: IncomingMessage): string {
  const { remoteAddress, remotePort } = request.socket
  return remoteAddress?.includes(':') ? `[${remoteAddress}]:${remotePort}` : `${remoteAddress}:${remotePort}`
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

function refuseHttp(response: ServerResponse, status: number): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${STATUS_CODES[status]}\n`)
}

function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Serves the built renderer and the handler table (WebSocket at /ws) on one HTTP server. */
export async function createWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? DEFAULT_WEB_HOST
  const log = options.log ?? logToStderr
  const dataDir = await prepareDataDir(options.dataDir)
  const workbench = createWorkbench({ dataDir, ...(options.engine && { engine: options.engine }) })
  const { engine, handlers: table } = workbench
  const refusals = createRefusalLog(log)
  const limits: WebLimits = { ...WebLimitDefaults, ...options.limits }
  const token = createToken()
  const policy: GatePolicy = { token, port: 0, hostnames: allowedHostnames(host) }

  function answerHttp(request: IncomingMessage, response: ServerResponse): void {
    const verdict = checkHttpRequest(request, policy)
    if (!verdict.ok) {
      refusals(
        `web: refused ${request.method} ${quoteHeader(request.url?.split('?')[0])} from ${peerLabel(request)}: ${verdict.reason}`,
      )
      refuseHttp(response, verdict.status)
      return
    }
    serveStatic(options.rendererDir, request, response).catch((error: unknown) => {
      log(`web: static file error: ${messageOf(error)}`)
      response.destroy()
    })
  }

  function answerUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) =>
      refusals(`web: upgrade socket error from ${peerLabel(request)}: ${error.message}`),
    )
    const verdict = checkUpgrade(request, policy)
    if (!verdict.ok) {
      refusals(`web: refused WebSocket from ${peerLabel(request)}: ${verdict.reason}`)
      refuseUpgrade(socket, verdict.status)
      return
    }
    if (!limiter.clientSlotFree(sockets.clients.size)) {
      refusals(`web: refused WebSocket from ${peerLabel(request)}: already ${limits.maxClients} clients`)
      refuseUpgrade(socket, 503)
      return
    }
    limiter.authenticated(request.socket)
    sockets.handleUpgrade(request, socket, head, (client) => {
      serveConnection(client, { table, engine, log: refusals, label: peerLabel(request) })
    })
  }

  // Nothing a request carries may stop the host: a fault while answering is logged and answered with 400.
  const server = createServer(serverTimeoutOptions(limits), (request, response) => {
    try {
      answerHttp(request, response)
    } catch (error) {
      refusals(`web: request from ${peerLabel(request)} failed: ${messageOf(error)}`)
      if (response.headersSent) response.destroy()
      else refuseHttp(response, 400)
    }
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WEB_FRAME_BYTES })
  const limiter = limitConnections(server, limits, (socket) =>
    refusals(
      `web: dropped the oldest unauthenticated connection (${socket.remoteAddress}:${socket.remotePort}): more than ${limits.maxUnauthenticated}`,
    ),
  )
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      answerUpgrade(request, socket, head)
    } catch (error) {
      refusals(`web: upgrade from ${peerLabel(request)} failed: ${messageOf(error)}`)
      refuseUpgrade(socket, 400)
    }
  })

  const port = await listen(server, options.port, host)
  policy.port = port
  const urlHost = isWildcardHost(host) ? DEFAULT_WEB_HOST : urlHostname(host)

  let closing: Promise<void> | undefined
  async function close(): Promise<void> {
    for (const client of sockets.clients) client.terminate()
    sockets.close()
    server.closeAllConnections()
    refusals.flush()
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), workbench.dispose()])
  }

  return {
    url: `http://${urlHost}:${port}/#${TOKEN_PARAM}=${token}`,
    token,
    port,
    host,
    dataDir,
    close: () => (closing ??= close()),
  }
}
