import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createWebHost, type WebHost, type WebHostOptions } from '../../electron/web/server'

export interface TempHost {
  host: WebHost
  /** Every line the host logged (refusals, faults). */
  logs: string[]
  /** The temp folder: renderer/ (served), data/ (profiles) and secret.txt next to them (must never be served). */
  root: string
  wsUrl(token?: string): string
  origin: string
  dispose(): Promise<void>
}

export const SECRET = 'outside the renderer folder'

/** A web host on 127.0.0.1, port 0, serving a small fake renderer from a temp folder. */
export async function startTempHost(overrides: Partial<WebHostOptions> = {}): Promise<TempHost> {
  const root = await mkdtemp(join(tmpdir(), 'web-host-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Socket Workbench</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }')
  await writeFile(join(root, 'secret.txt'), SECRET)
  const logs: string[] = []
  const host = await createWebHost({
    port: 0,
    dataDir: join(root, 'data', 'nested'),
    rendererDir,
    log: (line) => logs.push(line),
    ...overrides,
  })
  return {
    host,
    logs,
    root,
    origin: `http://127.0.0.1:${host.port}`,
    wsUrl: (token = host.token) => `ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`,
    async dispose() {
      await host.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}
