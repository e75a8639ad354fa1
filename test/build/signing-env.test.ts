// .github/scripts/signing-env.sh: secrets reach electron-builder only when set; otherwise a notice says so.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repoRoot } from './project'
import { runCommand } from './run-command'

const script = join(repoRoot, '.github', 'scripts', 'signing-env.sh')
const CERTIFICATE = { CSC_LINK: 'base64-certificate', CSC_KEY_PASSWORD: 'certificate password' }
const APPLE = {
  APPLE_ID: 'dev@example.com',
  APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh',
  APPLE_TEAM_ID: 'TEAM123',
}

// On Windows `bash` may resolve to WSL's launcher rather than the runner's Git Bash.
const hasPosixBash = process.platform !== 'win32'
if (!hasPosixBash) console.log('signing-env: not run on Windows (the workflow runs the script in Git Bash)')

let dir: string
let githubEnv: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'socket-workbench-signing-'))
  githubEnv = join(dir, 'github-env')
  await writeFile(githubEnv, '')
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs the script as the workflow does: secrets in the environment, unset secrets as empty strings. */
async function run(runnerOs: string, secrets: Record<string, string>) {
  const env = {
    PATH: process.env.PATH,
    RUNNER_OS: runnerOs,
    GITHUB_ENV: githubEnv,
    ...Object.fromEntries(Object.keys({ ...CERTIFICATE, ...APPLE }).map((name) => [name, ''])),
    ...secrets,
  }
  const output = await runCommand('bash', [script], { cwd: repoRoot, env, timeoutMs: 20_000 })
  return { output, githubEnv: await readFile(githubEnv, 'utf8') }
}

/** Variable names the script passed on to later steps. */
const passedOn = (githubEnvText: string): string[] =>
  [...githubEnvText.matchAll(/^([A-Z_]+)(?:<<|=)/gm)].map((match) => match[1]!)

describe.skipIf(!hasPosixBash)('signing-env.sh', () => {
  it('without secrets: notices on macOS, disables identity discovery, passes no secret on', async () => {
    const { output, githubEnv } = await run('macOS', {})
    expect(output).toMatch(/::notice title=Unsigned macOS build::/)
    expect(output).toMatch(/::notice title=Not notarised::/)
    expect(passedOn(githubEnv)).toEqual(['CSC_IDENTITY_AUTO_DISCOVERY'])
    expect(githubEnv).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false')
  })

  it('with every secret on macOS: passes the certificate and the notarisation credentials on intact', async () => {
    const { output, githubEnv } = await run('macOS', { ...CERTIFICATE, ...APPLE })
    expect(output).not.toContain('::notice')
    expect(passedOn(githubEnv)).toEqual([...Object.keys(CERTIFICATE), ...Object.keys(APPLE)])
    expect(githubEnv).toContain('\ncertificate password\n')
  })

  it('does not notarise an unsigned app even when the Apple secrets are set', async () => {
    const { output, githubEnv } = await run('macOS', APPLE)
    expect(output).toMatch(/::notice title=Not notarised::Notarisation needs a signed app/)
    expect(passedOn(githubEnv)).toEqual(['CSC_IDENTITY_AUTO_DISCOVERY'])
  })

  it('on Windows: signs with the certificate when set, and ignores the Apple secrets', async () => {
    const { githubEnv } = await run('Windows', { ...CERTIFICATE, ...APPLE })
    expect(passedOn(githubEnv)).toEqual(Object.keys(CERTIFICATE))
  })

  it('on Linux: passes nothing on (Linux packages are not code-signed)', async () => {
    const { githubEnv } = await run('Linux', { ...CERTIFICATE, ...APPLE })
    expect(githubEnv).toBe('')
  })
})
