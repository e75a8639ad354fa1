import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The launcher must fail in one sentence when the Electron binary cannot be fetched. The download is
// pointed at a local mirror that fails (or never answers), so the test means the same on a machine that
// has internet or an installed binary: it never launches Electron.

const launcher = join(import.meta.dirname, '../../electron/tools/launch-electron.mjs')
const DOWNLOAD_FAILED = /^Electron could not be downloaded\b.*`npm run web` still work without it\b[^\n]*\.$/

const scratch = mkdtempSync(join(tmpdir(), 'launch-electron-'))
const sockets = new Set<Socket>()
let refusingMirror: Server
let silentMirror: Server

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no TCP address')
      resolve(`http://127.0.0.1:${address.port}/`)
    })
  })
}

function runLauncher(mode: string, mirror: string, extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [launcher, mode], {
      env: {
        ...process.env,
        ELECTRON_MIRROR: mirror,
        // An empty dist and cache make install-electron download, even where a binary is installed.
        ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'dist'),
        electron_config_cache: join(scratch, 'cache'),
        ELECTRON_GET_NO_PROGRESS: '1',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let refusingUrl: string
let silentUrl: string

beforeAll(async () => {
  refusingMirror = createServer((socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'))
  silentMirror = createServer((socket) => {
    // Accepts and never answers: the network that swallows requests.
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  refusingUrl = await listen(refusingMirror)
  silentUrl = await listen(silentMirror)
})

afterAll(() => {
  for (const socket of sockets) socket.destroy()
  refusingMirror.close()
  silentMirror.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('launch-electron.mjs', () => {
  it.each(['preview', 'dev'])(
    '%s: says in one sentence that Electron could not be downloaded',
    async (mode) => {
      const { code, stdout, stderr } = await runLauncher(mode, refusingUrl)
      expect(code).not.toBe(0)
      expect(stdout).toBe('')
      expect(stderr.trim()).toMatch(DOWNLOAD_FAILED)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).not.toMatch(/^\s+at /m)
    },
  )

  it('gives up on a download that never answers', async () => {
    const { code, stderr } = await runLauncher('preview', silentUrl, { ELECTRON_INSTALL_TIMEOUT_MS: '1500' })
    expect(code).not.toBe(0)
    expect(stderr.trim()).toMatch(DOWNLOAD_FAILED)
  })

  it('refuses an unknown mode with its usage', async () => {
    const { code, stderr } = await runLauncher('build', refusingUrl)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^Usage: .*<preview\|dev>/)
  })
})
