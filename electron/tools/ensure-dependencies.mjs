#!/usr/bin/env node
// First step of `npm start`, `npm test` and `npm run dev`: install node_modules with `npm ci` when it is
// missing or was installed from another package-lock.json, so either command works on a fresh clone.
// Plain Node with no dependencies, since it runs before they exist.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Written after a successful `npm ci`: the hash of the lock's packages it installed. */
export const LOCK_HASH_FILE = '.socket-workbench-lock-hash'

/**
 * sha256 of package-lock.json's installed packages. The root entry is left out: it describes this project
 * (its name, version, bin), not node_modules, and a new script entry point must not reinstall everything.
 */
function lockHash(root) {
  const text = readFileSync(join(root, 'package-lock.json'), 'utf8')
  let packages
  try {
    packages = { ...JSON.parse(text).packages, '': undefined }
  } catch {
    packages = text
  }
  return createHash('sha256').update(JSON.stringify(packages)).digest('hex')
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * Whether npm's own record of the installed tree (node_modules/.package-lock.json) holds exactly the lock's
 * packages: a tree installed by a plain `npm ci` (before the hash file existed, or from a lock that changed
 * only where the hash does not look) need not be installed again. Optional packages for other platforms are
 * in the lock but never installed.
 */
function installedTreeMatchesLock(root) {
  const locked = readJson(join(root, 'package-lock.json'))?.packages
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'))?.packages
  if (locked === undefined || installed === undefined) return false
  const everyInstalledIsLocked = Object.entries(installed).every(
    ([path, entry]) => locked[path]?.version === entry.version && locked[path]?.integrity === entry.integrity,
  )
  const everyRequiredIsInstalled = Object.entries(locked).every(
    ([path, entry]) => path === '' || entry.optional === true || Object.hasOwn(installed, path),
  )
  return everyInstalledIsLocked && everyRequiredIsInstalled
}

/** 'current', 'missing' (no node_modules) or 'stale' (installed from another lock file). */
export function dependencyState(root) {
  if (!existsSync(join(root, 'node_modules'))) return 'missing'
  const hash = lockHash(root)
  if (readJson(join(root, 'node_modules', LOCK_HASH_FILE)) === hash) return 'current'
  if (!installedTreeMatchesLock(root)) return 'stale'
  writeFileSync(join(root, 'node_modules', LOCK_HASH_FILE), JSON.stringify(hash))
  return 'current'
}

/** `npm ci` with the npm that runs this script (npm_execpath), else the one on PATH. Resolves with its exit code. */
export function npmCi(root) {
  const npmCli = process.env.npm_execpath
  const [command, args] = npmCli?.endsWith('.js')
    ? [process.execPath, [npmCli]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []]
  return new Promise((resolve) => {
    const child = spawn(command, [...args, 'ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32' && command === 'npm.cmd',
    })
    child.once('error', () => resolve(1))
    child.once('exit', (code) => resolve(code ?? 1))
  })
}

const REASONS = {
  missing: 'node_modules is missing',
  stale: 'node_modules does not match package-lock.json',
}

/** Installs when needed (saying so in one line) and records the lock's hash. Resolves with an exit code. */
export async function ensureDependencies(
  root,
  { install = npmCi, log = (line) => console.error(line) } = {},
) {
  const state = dependencyState(root)
  if (state === 'current') return 0
  log(`${REASONS[state]}: installing dependencies with \`npm ci\` first (a minute or two).`)
  const code = await install(root)
  if (code !== 0) {
    log(`\`npm ci\` failed (exit code ${code}); fix the error above and run the command again.`)
    return code
  }
  writeFileSync(join(root, 'node_modules', LOCK_HASH_FILE), JSON.stringify(lockHash(root)))
  return 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await ensureDependencies(fileURLToPath(new URL('../..', import.meta.url)))
}
