import { SessionManager } from '../../../electron/core/engine'
import { createWebHost, type WebHost } from '../../../electron/web/server'
import { servePeer } from './peer-channel'

// The web host as `npm run web` runs it, in its own process, so its memory is measured apart from the bench.

type Request = { start: { rendererDir: string; dataDir: string } } | { stats: true } | { stop: true }

const engine = new SessionManager()
let host: WebHost | undefined

servePeer<Request>(async (request) => {
  if ('start' in request) {
    host = await createWebHost({ port: 0, engine, ...request.start, log: () => {} })
    return { url: host.url, token: host.token }
  }
  if ('stats' in request) {
    return {
      rss: process.memoryUsage().rss,
      sessions: engine.list().map(({ id, kind, stats }) => ({ id, kind, stats })),
    }
  }
  await host?.close()
  return { stopped: true }
})
