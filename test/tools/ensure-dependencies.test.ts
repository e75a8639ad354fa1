import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  dependencyState,
  ensureDependencies,
  LOCK_HASH_FILE,
} from '../../electron/tools/ensure-dependencies.mjs'

// `npm start` and `npm test` install node_modules first when it is missing or came from another lock file,
// and never again once it matches. The installer is a fake that writes what `npm ci` leaves behind.

const lock = (version: string, root: object = { name: 'x' }) =>
  JSON.stringify({
    name: 'x',
    lockfileVersion: 3,
    packages: {
      '': root,
      'node_modules/a': { version, integrity: `sha512-${version}` },
      'node_modules/b-darwin': { version: '1.0.0', integrity: 'sha512-b', optional: true },
    },
  })
/** npm's own record of an installed tree: the lock's packages minus the optional ones for other platforms. */
const installedRecord = (version: string) =>
  JSON.stringify({ name: 'x', packages: { 'node_modules/a': { version, integrity: `sha512-${version}` } } })

let root: string
let installs: number
const lines: string[] = []
const fakeNpmCi = async (at: string): Promise<number> => {
  installs += 1
  const version = JSON.parse(readFileSync(join(at, 'package-lock.json'), 'utf8')).packages['node_modules/a']
    .version
  rmSync(join(at, 'node_modules'), { recursive: true, force: true })
  mkdirSync(join(at, 'node_modules'))
  writeFileSync(join(at, 'node_modules', '.package-lock.json'), installedRecord(version))
  return 0
}
const ensure = (install = fakeNpmCi) => ensureDependencies(root, { install, log: (line) => lines.push(line) })

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ensure-deps-'))
  writeFileSync(join(root, 'package-lock.json'), lock('1.0.0'))
  installs = 0
  lines.length = 0
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('ensureDependencies', () => {
  it('installs when node_modules is missing, saying so in one line, and records the lock hash', async () => {
    expect(dependencyState(root)).toBe('missing')
    expect(await ensure()).toBe(0)
    expect(installs).toBe(1)
    expect(lines).toEqual([
      'node_modules is missing: installing dependencies with `npm ci` first (a minute or two).',
    ])
    expect(JSON.parse(readFileSync(join(root, 'node_modules', LOCK_HASH_FILE), 'utf8'))).toMatch(
      /^[0-9a-f]{64}$/,
    )
  })

  it('does not install again while the lock file is unchanged', async () => {
    await ensure()
    lines.length = 0
    expect(await ensure()).toBe(0)
    expect(installs).toBe(1)
    expect(lines).toEqual([])
  })

  it('installs again when package-lock.json changed', async () => {
    await ensure()
    writeFileSync(join(root, 'package-lock.json'), lock('2.0.0'))
    expect(dependencyState(root)).toBe('stale')
    expect(await ensure()).toBe(0)
    expect(installs).toBe(2)
    expect(lines.at(-1)).toBe(
      'node_modules does not match package-lock.json: installing dependencies with `npm ci` first (a minute or two).',
    )
  })

  it('does not install again when only the root entry changed (a new bin, a new version of the project)', async () => {
    await ensure()
    writeFileSync(
      join(root, 'package-lock.json'),
      lock('1.0.0', { name: 'x', version: '2.0.0', bin: { x: 'x.js' } }),
    )
    // npm's record alone would accept it too: without it, only the hash can tell.
    rmSync(join(root, 'node_modules', '.package-lock.json'))
    expect(dependencyState(root)).toBe('current')
    expect(installs).toBe(1)
  })

  it('accepts a tree npm installed from this lock before the hash existed, and records the hash', async () => {
    mkdirSync(join(root, 'node_modules'))
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), installedRecord('1.0.0'))
    expect(await ensure()).toBe(0)
    expect(installs).toBe(0)
    expect(existsSync(join(root, 'node_modules', LOCK_HASH_FILE))).toBe(true)
  })

  it.each([
    ['another version', installedRecord('0.9.0')],
    ['a package short', JSON.stringify({ packages: {} })],
    ['an unreadable record', '{'],
  ])('installs over a tree with %s', async (_what, record) => {
    mkdirSync(join(root, 'node_modules'))
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), record)
    expect(dependencyState(root)).toBe('stale')
    await ensure()
    expect(installs).toBe(1)
  })

  it('passes a failed install on and records nothing, so the next run tries again', async () => {
    const failing = async (at: string): Promise<number> => {
      mkdirSync(join(at, 'node_modules'))
      return 1
    }
    expect(await ensure(failing)).toBe(1)
    expect(lines.at(-1)).toBe('`npm ci` failed (exit code 1); fix the error above and run the command again.')
    expect(existsSync(join(root, 'node_modules', LOCK_HASH_FILE))).toBe(false)
    expect(dependencyState(root)).toBe('stale')
  })
})
