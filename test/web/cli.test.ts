import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { tryUpgrade } from './web-client'

const children: ChildProcessWithoutNullStreams[] = []
const temps: string[] = []

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
})

function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', ...args], {
    cwd: process.cwd(),
  })
  children.push(child)
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return { child, stderr: () => stderr }
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the CLI printed no line within 15 s')), 15_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(line)
    })
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before printing a line`)))
  })
}

describe('web CLI', () => {
  it('prints one URL line with the real port and token, serves it, and exits cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'web-cli-'))
    temps.push(dataDir)
    const { child } = startCli(['--port', '0', '--data-dir', join(dataDir, 'profiles')])
    const line = await firstLine(child)
    const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})/.exec(line)
    expect(match, line).not.toBeNull()
    const [, port, token] = match!
    expect(Number(port)).toBeGreaterThan(0)
    expect((await stat(join(dataDir, 'profiles'))).isDirectory()).toBe(true)

    const socket = await tryUpgrade(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      origin: `http://127.0.0.1:${port}`,
    })
    expect(typeof socket).not.toBe('number')
    expect(await tryUpgrade(`ws://127.0.0.1:${port}/ws?token=nope`)).toBe(401)

    const exited = once(child, 'exit', { signal: AbortSignal.timeout(10_000) })
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
  })

  it('warns before binding a non-loopback address, and reports a bind failure with its code', async () => {
    // A documentation address (RFC 5737) that is not on this machine: the warning is printed, then the bind fails.
    const local = new Set(
      Object.values(networkInterfaces()).flatMap((entries) => entries?.map((entry) => entry.address) ?? []),
    )
    const foreign = ['203.0.113.77', '198.51.100.77', '192.0.2.77'].find((address) => !local.has(address))!
    const { child, stderr } = startCli(['--port', '0', '--host', foreign, '--data-dir', tmpdir()])
    const [code] = (await once(child, 'exit', { signal: AbortSignal.timeout(15_000) })) as [number | null]
    expect(code).toBe(2)
    expect(stderr()).toContain(`warning: --host ${foreign} is not loopback`)
    expect(stderr()).toContain('EADDRNOTAVAIL')
  })

  it('refuses a bad port with usage help', async () => {
    const { child, stderr } = startCli(['--port', '70000'])
    const [code] = (await once(child, 'exit', { signal: AbortSignal.timeout(15_000) })) as [number | null]
    expect(code).toBe(2)
    expect(stderr()).toContain('Invalid --port')
    expect(stderr()).toContain('usage:')
  })
})
