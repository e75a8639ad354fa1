import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { installLine, missingTools, TOOL_NAMES, type ToolName } from '../../electron/tools/system-tools.mjs'

// `npm test` names every missing system tool with the line that installs it, before any suite runs. The
// script runs here with a PATH that holds only the tools a case gives it (empty executables).

const script = join(import.meta.dirname, '../../electron/tools/system-tools.mjs')
const scratch = mkdtempSync(join(tmpdir(), 'system-tools-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

let pathCount = 0
/** A folder holding an executable for each of `tools`, and nothing else. */
function pathWith(tools: readonly string[]): string {
  const dir = join(scratch, `path-${(pathCount += 1)}`)
  mkdirSync(dir)
  for (const tool of tools) {
    writeFileSync(join(dir, tool), '#!/bin/sh\nexit 0\n')
    chmodSync(join(dir, tool), 0o755)
  }
  return dir
}

function runScript(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const present: ToolName[] = ['socat', 'python3']
const absent = TOOL_NAMES.filter((name) => !present.includes(name))
const localEnv = (): NodeJS.ProcessEnv => ({ PATH: pathWith(present) })

describe('installLine', () => {
  it.each([
    [
      'chromium',
      '`sudo apt-get install -y chromium` (Debian/Ubuntu) or `brew install --cask chromium` (macOS)',
    ],
    ['socat', '`sudo apt-get install -y socat` (Debian/Ubuntu) or `brew install socat` (macOS)'],
    ['ncat', '`sudo apt-get install -y ncat` (Debian/Ubuntu) or `brew install nmap` (macOS)'],
    ['openssl', '`sudo apt-get install -y openssl` (Debian/Ubuntu) or `brew install openssl@3` (macOS)'],
    ['tshark', '`sudo apt-get install -y tshark` (Debian/Ubuntu) or `brew install wireshark` (macOS)'],
    ['python3', '`sudo apt-get install -y python3` (Debian/Ubuntu) or `brew install python` (macOS)'],
  ] as const)('%s: names the tool and the exact install commands', (tool, commands) => {
    expect(installLine(tool)).toBe(`${tool} is missing: install it with ${commands}.`)
  })
})

describe('missingTools', () => {
  it('looks the tools up on the PATH it is given', () => {
    expect(missingTools(TOOL_NAMES, { PATH: pathWith(present) })).toEqual(absent)
    expect(missingTools(TOOL_NAMES, { PATH: pathWith(TOOL_NAMES) })).toEqual([])
    expect(missingTools(['socat'], { PATH: '' })).toEqual(['socat'])
  })

  it('ignores a file that is not executable', () => {
    const dir = pathWith([])
    writeFileSync(join(dir, 'ncat'), '')
    expect(missingTools(['ncat'], { PATH: dir })).toEqual(['ncat'])
  })

  it('takes chromium from CHROMIUM_PATH when set, as the end-to-end config does', () => {
    const dir = pathWith(['my-chromium'])
    expect(missingTools(['chromium'], { PATH: '', CHROMIUM_PATH: join(dir, 'my-chromium') })).toEqual([])
    expect(
      missingTools(['chromium'], { PATH: pathWith(['chromium']), CHROMIUM_PATH: join(dir, 'none') }),
    ).toEqual(['chromium'])
  })

  it('refuses a tool it has no install line for', () => {
    expect(() => missingTools(['nmap' as ToolName], { PATH: '' })).toThrow(/unknown system tool "nmap"/)
  })
})

describe('system-tools.mjs check (the first step of npm test)', () => {
  it('names each missing tool with its install line, one per line, and lets the run go on locally', async () => {
    const { code, stdout, stderr } = await runScript(['check'], localEnv())
    expect(code).toBe(0)
    expect(stdout).toBe('')
    const lines = stderr.trim().split('\n')
    expect(lines.slice(0, absent.length)).toEqual(absent.map((tool) => installLine(tool)))
    expect(lines.slice(absent.length)).toEqual(['The tests that need them will be skipped.'])
    for (const tool of present) expect(stderr).not.toContain(`${tool} is missing`)
  })

  it('fails under CI=true', async () => {
    const { code, stderr } = await runScript(['check'], { ...localEnv(), CI: 'true' })
    expect(code).toBe(1)
    for (const tool of absent) expect(stderr).toContain(installLine(tool))
    expect(stderr).toContain('Under CI a missing tool is a failure, not a skip.')
  })

  it('says nothing when every tool is there', async () => {
    const { code, stderr } = await runScript(['check'], { PATH: pathWith(TOOL_NAMES), CI: 'true' })
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })
})

describe('system-tools.mjs needs (the end-to-end step of npm test)', () => {
  const command = [process.execPath, '-e', '"console.log(\'ran\')"']

  it('runs the command when the tools are there', async () => {
    const { code, stdout } = await runScript(['needs', 'socat', '--', ...command], localEnv())
    expect(code).toBe(0)
    expect(stdout.trim()).toBe('ran')
  })

  it('skips it locally, with the install line', async () => {
    const { code, stdout, stderr } = await runScript(['needs', 'chromium', '--', ...command], localEnv())
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(installLine('chromium'))
    expect(stderr).toMatch(/^Skipped `.*`: it needs chromium\.$/m)
  })

  it('fails under CI=true without running it', async () => {
    const { code, stdout, stderr } = await runScript(['needs', 'chromium', '--', ...command], {
      ...localEnv(),
      CI: 'true',
    })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(installLine('chromium'))
  })

  it('refuses a call without tools or command', async () => {
    expect((await runScript(['needs', '--', ...command], localEnv())).code).toBe(2)
    expect((await runScript(['needs', 'socat'], localEnv())).code).toBe(2)
  })
})
