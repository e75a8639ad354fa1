import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { within } from '../helpers/peers'

// A newcomer clones the repository and types `npm start`, with nothing else installed: no node_modules, no
// Electron binary, no display. It must install, build, say why there is no desktop window, serve web mode,
// and close every socket on Ctrl+C; a second `npm start` must not install again. HEAD is what is cloned:
// commit first.

const repoRoot = join(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const URL_PATTERN = /Socket Workbench \(web mode\): (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)/
const INSTALL_LINE = /^node_modules is missing: installing dependencies with `npm ci` first\b/m
const ANY_INSTALL = /installing dependencies/
const NO_DISPLAY = /^There is no display\b.*so the workbench runs in your browser instead \(web mode\)\.$/m
/** npm ci and a production build on a loaded two-core machine. */
const FIRST_START_MS = 15 * 60_000

const scratch = mkdtempSync(join(tmpdir(), 'fresh-clone-'))
const clone = join(scratch, 'socket-workbench')

/** The newcomer's environment: no display, and the desktop app's data folder inside the scratch folder. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') }
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE']) delete env[name]
  // What npm and vitest set for their own children must not leak into the clone's npm.
  for (const name of Object.keys(env)) if (/^(npm_|VITEST)/i.test(name)) delete env[name]
  return env
}

interface Started {
  npm: ChildProcess
  url: string
  port: number
  output: () => string
  exited: Promise<unknown[]>
}

/** `npm start -- --port 0` in the clone, in its own process group (a terminal's), up to the printed URL. */
async function npmStart(timeoutMs: number): Promise<Started> {
  const npm = spawn('npm', ['start', '--', '--port', '0'], {
    cwd: clone,
    env: newcomerEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = once(npm, 'exit')
  const url = new Promise<RegExpExecArray>((resolve) => {
    const scan = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = URL_PATTERN.exec(output)
      if (match) resolve(match)
    }
    npm.stdout.on('data', scan)
    npm.stderr.on('data', scan)
  })
  const match = await within(
    Promise.race([url, exited.then(() => Promise.reject(new Error(`npm start exited:\n${output}`)))]),
    `the web mode URL from npm start; so far:\n${output}`,
    timeoutMs,
  ).catch((error: unknown) => {
    killGroup(npm, 'SIGKILL')
    throw error
  })
  return { npm, url: match[1]!, port: Number(match[2]), output: () => output, exited }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // The group is gone already.
  }
}

/**
 * The processes of the group still running. A zombie has exited already: in a container whose init does not
 * reap, a helper that outlived its parent (tsx's esbuild service) stays listed as one, holding nothing.
 */
function runningInGroup(child: ChildProcess): string[] {
  return execFileSync('ps', ['-eo', 'pgid=,stat=,pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pgid, stat]) => pgid === String(child.pid) && !stat!.startsWith('Z'))
    .map((fields) => fields.slice(2).join(' '))
}

/** Ctrl+C: SIGINT to the whole group. Then every process is gone and the port can be bound again. */
async function interruptAndCheckClosed(started: Started): Promise<void> {
  // A connection held open from outside must be closed by the host, not left to time out.
  const held = connect({ host: '127.0.0.1', port: started.port })
  await within(once(held, 'connect'), 'a TCP connection to the web host')
  const heldClosed = once(held, 'close')
  held.on('error', () => undefined)

  killGroup(started.npm, 'SIGINT')
  await within(started.exited, 'npm start to exit after SIGINT', 30_000)
  await within(heldClosed, 'the web host to close a client connection', 5_000)
  expect(started.output()).toContain('SIGINT: closing every socket.')
  // npm waits for its script (and exits by SIGINT itself); the launcher and the web host must be gone too.
  expect(runningInGroup(started.npm)).toEqual([])
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen(started.port, '127.0.0.1', resolve)
  })
  await new Promise((resolve) => probe.close(resolve))
}

beforeAll(() => {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
  execFileSync('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone])
  execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone })
})

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('a fresh clone', () => {
  it('npm start installs, builds, falls back to web mode, serves the empty workbench, and closes on Ctrl+C', async () => {
    expect(existsSync(join(clone, 'node_modules'))).toBe(false)
    const started = await npmStart(FIRST_START_MS)
    expect(started.output()).toMatch(INSTALL_LINE)
    expect(started.output().match(new RegExp(ANY_INSTALL, 'g'))).toHaveLength(1)
    expect(started.output()).toMatch(NO_DISPLAY)
    // Electron was never fetched: its package is there, its binary is not.
    expect(existsSync(join(clone, 'node_modules', 'electron', 'package.json'))).toBe(true)
    expect(existsSync(join(clone, 'node_modules', 'electron', 'dist'))).toBe(false)

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
    try {
      const page = await browser.newPage()
      await page.goto(started.url)
      const newSession = page
        .getByRole('form', { name: /new session/i })
        .or(page.getByRole('region', { name: /new session/i }))
      await newSession.waitFor({ state: 'visible', timeout: 30_000 })
      await page.getByRole('button', { name: /^\s*connect\s*$/i }).waitFor({ state: 'visible' })
      // The page stays open: its WebSocket is one of the sockets Ctrl+C must close.
      await interruptAndCheckClosed(started)
    } finally {
      await browser.close()
    }
  })

  it('a second npm start does not install again', async () => {
    const started = await npmStart(5 * 60_000)
    expect(started.output()).not.toMatch(ANY_INSTALL)
    await interruptAndCheckClosed(started)
  })
})
