import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { installLine } from '../../electron/tools/system-tools.mjs'
import { needs } from '../helpers/system-tools'

// The helper suites use to declare the programs they spawn: a missing one skips them locally with its install
// line printed, and fails the file under CI.

const emptyPath = mkdtempSync(join(tmpdir(), 'needs-'))
afterAll(() => rmSync(emptyPath, { recursive: true, force: true }))
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('needs()', () => {
  it('prints the install line of each missing tool when it skips', () => {
    vi.stubEnv('PATH', emptyPath)
    vi.stubEnv('CI', '')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    needs('socat', 'ncat')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toBe(
      `Skipping the tests that need socat, ncat:\n${installLine('socat')}\n${installLine('ncat')}`,
    )
  })

  it('throws the same lines under CI instead of skipping', () => {
    vi.stubEnv('PATH', emptyPath)
    vi.stubEnv('CI', 'true')
    expect(() => needs('python3')).toThrow(installLine('python3'))
  })

  it('stays quiet when the tools are there', () => {
    const warn = vi.spyOn(console, 'warn')
    needs('socat', 'ncat', 'python3')
    expect(warn).not.toHaveBeenCalled()
  })
})

// The helper's skip itself, end to end: this suite is declared with a tool that cannot exist locally.
describe('a suite whose tool is missing', () => {
  const ran: string[] = []
  vi.stubEnv('PATH', emptyPath)
  vi.stubEnv('CI', '')
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  needs('tshark').it('is skipped', () => void ran.push('skipped test'))
  const warnings = warn.mock.calls.length
  warn.mockRestore()
  vi.unstubAllEnvs()

  it('did not run, and said why', () => {
    expect(ran).toEqual([])
    expect(warnings).toBe(1)
  })
})
