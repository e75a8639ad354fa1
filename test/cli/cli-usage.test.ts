import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../electron/cli/command-line'
import { OPTIONS_OF } from '../../electron/cli/option-tables'
import { version } from '../../package.json'
import { BUILT_CLI, runCliToEnd, stopAllCli } from './cli-process'

afterEach(stopAllCli)

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr. */
async function expectUsageError(args: string[], names: RegExp): Promise<string> {
  const { code, stdout, stderr } = await runCliToEnd(args)
  expect(code, stderr).toBe(2)
  expect(stdout.byteLength).toBe(0)
  const lines = stderr.split('\n').filter((line) => line !== '')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(names)
  return lines[0]!
}

describe('socket-workbench: help, version and usage errors', () => {
  it('prints its version and its usage, exit 0', async () => {
    const shown = await runCliToEnd(['--version'])
    expect(shown).toMatchObject({ code: 0, stderr: '' })
    expect(shown.stdout.toString()).toBe(`socket-workbench ${version}\n`)

    const help = await runCliToEnd(['--help'])
    expect(help.code).toBe(0)
    for (const command of COMMANDS) expect(help.stdout.toString()).toContain(`socket-workbench ${command}`)
  })

  it.each(COMMANDS)('%s --help names every option the command takes', async (command) => {
    const { code, stdout } = await runCliToEnd([command, '--help'])
    expect(code).toBe(0)
    const text = stdout.toString()
    expect(text).toMatch(new RegExp(`^Usage: socket-workbench ${command} `))
    for (const name of Object.keys(OPTIONS_OF[command])) expect(text, `--${name}`).toContain(`--${name}`)
  })

  it('refuses an unknown option, invalid hex and port 70000 with one line, exit 2', async () => {
    const lines = await Promise.all([
      expectUsageError(
        ['connect', '127.0.0.1', '9', '--bogus'],
        /ERR_USAGE: connect: Unknown option '--bogus' \(see/,
      ),
      expectUsageError(
        ['connect', '127.0.0.1', '9', '--send-hex', 'de ad zz'],
        /ERR_USAGE: --send-hex "de ad zz"/,
      ),
      expectUsageError(
        ['connect', '127.0.0.1', '70000'],
        /ERR_INVALID_REQUEST: Invalid request: port: must be a whole number from 1 to 65535$/,
      ),
      expectUsageError(
        ['listen', '70000'],
        /ERR_INVALID_REQUEST: Invalid request: port: must be a whole number from 0 to 65535$/,
      ),
      expectUsageError(['listen', '--udp', '127.0.0.1', 'http'], /PORT must be a number.*"http"/),
      expectUsageError(['connect', '127.0.0.1'], /connect takes HOST PORT/),
      expectUsageError(['connect', '127.0.0.1', '9', '--send', 'bad\\q'], /--send "bad\\q":/),
      expectUsageError(['connect', '127.0.0.1', '9', '--wait', 'soon'], /--wait takes milliseconds/),
      expectUsageError(
        ['connect', '127.0.0.1', '9', '--send-file', '/nonexistent/x'],
        /cannot be read \(ENOENT\)/,
      ),
      expectUsageError(['connect', '--udp', '127.0.0.1', '9', '--half-close'], /--half-close needs TCP/),
      expectUsageError(['frobnicate'], /unknown command "frobnicate"/),
      expectUsageError([], /no command given/),
      expectUsageError(['run', 'p'], /--data-dir/),
    ])
    expect(lines[1]).toContain("invalid hex digit 'z' at column 7")
    for (const line of lines) expect(line).toMatch(/^socket-workbench: [A-Z_]+: /)
  })

  it('is one bundled file: it runs from a folder without node_modules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-bundle-'))
    try {
      await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n')
      await copyFile(BUILT_CLI, join(dir, 'index.js'))
      const { execFile } = await import('node:child_process')
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [join(dir, 'index.js'), 'listen', '--help'],
          { cwd: dir },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        ),
      )
      expect(output).toContain('Usage: socket-workbench listen')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
