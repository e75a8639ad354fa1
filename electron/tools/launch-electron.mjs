#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure the Electron binary is present, then hand over to electron-vite.
// Electron ≥ 42 fetches its binary lazily; offline that fails, and the user should hear it in one sentence.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** electron-vite subcommand per mode; `npm start` has just built, so preview need not build again. */
const modes = { preview: ['preview', '--skipBuild'], dev: ['dev'] }

const DOWNLOAD_FAILED =
  'Electron could not be downloaded, so the desktop app cannot start here; ' +
  'the tests and `npm run web` still work without it (run `npx install-electron` to see why).'

/** A download on a slow line takes minutes; a network that swallows packets should not hang forever. */
const installTimeoutMs = Number(process.env.ELECTRON_INSTALL_TIMEOUT_MS ?? 300_000)

/** The script a package names as its bin, run with this very node. */
function binOf(packageName, binName) {
  const manifestPath = require.resolve(`${packageName}/package.json`)
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'))
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[binName])
}

/** Resolves with the exit code, or null when the process was killed (timeout or signal). */
function run(script, args, { quiet = false, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: quiet ? 'ignore' : 'inherit',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    })
    child.once('error', () => resolve(null))
    child.once('exit', (code) => resolve(code))
  })
}

async function main() {
  const mode = process.argv[2]
  if (!Object.hasOwn(modes, mode)) {
    console.error(`Usage: node electron/tools/launch-electron.mjs <${Object.keys(modes).join('|')}>`)
    return 2
  }
  const installed = await run(binOf('electron', 'install-electron'), [], {
    quiet: true,
    timeoutMs: installTimeoutMs,
  })
  if (installed !== 0) {
    console.error(DOWNLOAD_FAILED)
    return 1
  }
  return (await run(binOf('electron-vite', 'electron-vite'), modes[mode])) ?? 1
}

process.exitCode = await main()
