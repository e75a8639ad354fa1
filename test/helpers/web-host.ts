import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { test as base, type Page } from '@playwright/test'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const START_TIMEOUT_MS = 20_000

/** A running `electron/web/cli.ts` on 127.0.0.1, port 0, with its own temp data dir unless given one. */
export interface WebHostProcess {
  /** The line's URL, token included: `http://127.0.0.1:N/#token=…`. */
  url: string
  /** `http://127.0.0.1:N` — the page without the token. */
  origin: string
  port: number
  token: string
  dataDir: string
  /** What the host wrote to stderr so far (refusals, warnings). */
  stderr(): string
  /** SIGTERM, then the exit code (null when it had to be killed); removes the data dir only if it made it. */
  stop(): Promise<number | null>
}

function urlLine(child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  const lines = createInterface({ input: child.stdout })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web host printed no URL:\n${stderr()}`)),
      START_TIMEOUT_MS,
    )
    lines.on('line', (line) => {
      if (!line.includes('#token=')) return
      clearTimeout(timer)
      resolve(line)
    })
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${stderr()}`)))
  })
}

/** Starts the web host CLI against the already-built renderer (out/renderer). */
export async function startWebHost(
  options: { dataDir?: string; port?: number } = {},
): Promise<WebHostProcess> {
  if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the end-to-end tests.')
  }
  // A given data dir outlives the host (restart journeys); a made one is the host's own.
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'workbench-e2e-')))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/cli.ts', '--port', String(options.port ?? 0), '--data-dir', dataDir],
    {
      cwd: repoRoot,
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const line = await urlLine(child, () => stderr)
  const match = /(http:\/\/127\.0\.0\.1:(\d+))\/#token=([A-Za-z0-9_-]+)/.exec(line)
  if (match === null) throw new Error(`unexpected URL line: ${line}`)
  const [url, origin, port, token] = [match[0], match[1]!, Number(match[2]), match[3]!]
  return {
    url,
    origin,
    port,
    token,
    dataDir,
    stderr: () => stderr,
    async stop() {
      let code: number | null = child.exitCode
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit', { signal: AbortSignal.timeout(10_000) })
        child.kill('SIGTERM')
        // A host that ignores SIGTERM must not linger; callers that care check the code.
        code = await exited
          .then(([exitCode]) => exitCode as number | null)
          .catch(() => {
            child.kill('SIGKILL')
            return null
          })
      }
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
      return code
    },
  }
}

/** `webHost`: a fresh host per test; `app`: a page opened at its tokened URL. */
export const test = base.extend<{ webHost: WebHostProcess; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring fixture argument.
  webHost: async ({}, use) => {
    const host = await startWebHost()
    await use(host)
    await host.stop()
  },
  app: async ({ page, webHost }, use) => {
    await page.goto(webHost.url)
    await use(page)
  },
})

export { expect } from '@playwright/test'
