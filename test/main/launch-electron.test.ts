import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { within } from '../helpers/peers'

// The launcher must say in one sentence why the desktop app cannot start: `npm run dev` stops there, `npm start`
// serves web mode instead. The download is pointed at a local mirror that fails (or never answers), so the test
// means the same on a machine that has internet or an installed binary: it never launches Electron.

const launcher = join(import.meta.dirname, '../../electron/tools/launch-electron.mjs')
const DOWNLOAD_FAILED = /^Electron could not be downloaded\b.*`npm run web` still work without it\b[^\n]*\.$/
const FALLBACK_DOWNLOAD =
  /^Electron could not be downloaded\b[^\n]*, so the workbench runs in your browser instead \(web mode\)\.$/
const FALLBACK_DISPLAY =
  /^There is no display\b[^\n]*, so the workbench runs in your browser instead \(web mode\)\.$/
const URL_LINE = /^Socket Workbench \(web mode\): (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)$/

const scratch = mkdtempSync(join(tmpdir(), 'launch-electron-'))
const sockets = new Set<Socket>()
let refusingMirror: Server
let silentMirror: Server
let mirrorRequests = 0

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no TCP address')
      resolve(`http://127.0.0.1:${address.port}/`)
    })
  })
}

function launcherEnv(mirror: string, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_MIRROR: mirror,
    // An empty dist and cache make install-electron download, even where a binary is installed.
    ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'dist'),
    electron_config_cache: join(scratch, 'cache'),
    ELECTRON_GET_NO_PROGRESS: '1',
    // Never open a browser from a test.
    CI: 'true',
    ...extraEnv,
  }
  if (!('DISPLAY' in extraEnv)) delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  return env
}

function runLauncher(args: string[], mirror: string, extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      env: launcherEnv(mirror, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/**
 * `npm start`'s half of the launcher, up to the web host's URL; `interrupt()` is Ctrl+C: SIGINT to the whole
 * process group, as a terminal sends it.
 */
async function startWebFallback(args: string[], mirror: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [launcher, 'preview', ...args], {
    env: launcherEnv(mirror, extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = once(child, 'exit')
  const stdoutLines: string[] = []
  const urlLine = new Promise<RegExpExecArray>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line)
      const match = URL_LINE.exec(line)
      if (match) resolve(match)
    })
  })
  const match = await within(
    Promise.race([urlLine, exited.then(() => Promise.reject(new Error(`launcher exited:\n${stderr}`)))]),
    'the web mode URL',
    30_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
  return {
    port: Number(match[2]),
    stdoutLines,
    stderr: () => stderr,
    async interrupt(): Promise<number | null> {
      process.kill(-child.pid!, 'SIGINT')
      const [code] = await within(exited, 'the launcher to exit')
      return code as number | null
    },
  }
}

async function expectPortFree(port: number): Promise<void> {
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen(port, '127.0.0.1', resolve)
  })
  await new Promise((resolve) => probe.close(resolve))
}

let refusingUrl: string
let silentUrl: string

beforeAll(async () => {
  refusingMirror = createServer((socket) => {
    mirrorRequests += 1
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
  })
  silentMirror = createServer((socket) => {
    // Accepts and never answers: the network that swallows requests.
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  refusingUrl = await listen(refusingMirror)
  silentUrl = await listen(silentMirror)
})

beforeEach(() => {
  mirrorRequests = 0
})

afterAll(() => {
  for (const socket of sockets) socket.destroy()
  refusingMirror.close()
  silentMirror.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('launch-electron.mjs dev', () => {
  it('says in one sentence that Electron could not be downloaded', async () => {
    const { code, stdout, stderr } = await runLauncher(['dev'], refusingUrl)
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim()).toMatch(DOWNLOAD_FAILED)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(mirrorRequests).toBeGreaterThan(0)
  })

  it('gives up on a download that never answers', async () => {
    const { code, stderr } = await runLauncher(['dev'], silentUrl, { ELECTRON_INSTALL_TIMEOUT_MS: '1500' })
    expect(code).not.toBe(0)
    expect(stderr.trim()).toMatch(DOWNLOAD_FAILED)
  })
})

describe('launch-electron.mjs preview (npm start)', () => {
  const dataDir = () => join(scratch, 'data')

  it('falls back to web mode when Electron cannot be downloaded, and Ctrl+C closes every socket', async () => {
    const host = await startWebFallback(['--port', '0', '--data-dir', dataDir()], refusingUrl, {
      DISPLAY: ':0',
    })
    expect(mirrorRequests).toBeGreaterThan(0)
    expect(host.stderr().split('\n')[0]).toMatch(FALLBACK_DOWNLOAD)
    expect(host.stdoutLines).toHaveLength(1)
    expect(await host.interrupt()).toBe(0)
    expect(host.stderr()).toContain('SIGINT: closing every socket.')
    await expectPortFree(host.port)
  })

  it('falls back without trying a download when there is no display', async () => {
    const host = await startWebFallback(['--data-dir', dataDir()], refusingUrl)
    expect(host.stderr().split('\n')[0]).toMatch(FALLBACK_DISPLAY)
    expect(mirrorRequests).toBe(0)
    expect(await host.interrupt()).toBe(0)
  })

  it('--web forces web mode, in the desktop app’s data folder', async () => {
    const config = join(scratch, 'config')
    const host = await startWebFallback(['--web'], refusingUrl, { DISPLAY: ':0', XDG_CONFIG_HOME: config })
    expect(mirrorRequests).toBe(0)
    expect(host.stderr()).not.toMatch(FALLBACK_DOWNLOAD)
    expect(host.stderr()).toContain(`Profiles are stored in ${join(config, 'Socket Workbench')}.`)
    expect(await host.interrupt()).toBe(0)
  })

  it('refuses an unknown option with its usage', async () => {
    const { code, stderr } = await runLauncher(['preview', '--host', '0.0.0.0'], refusingUrl)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^Unknown option '--host'/)
    expect(stderr).toMatch(/^Usage: .*<preview\|dev>/m)
  })
})

it('refuses an unknown mode with its usage', async () => {
  const { code, stderr } = await runLauncher(['build'], refusingUrl)
  expect(code).toBe(2)
  expect(stderr).toMatch(/^Usage: .*<preview\|dev>/)
})
