#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure the Electron binary is present, then hand over to electron-vite.
// Electron ≥ 42 fetches its binary lazily; offline that fails, and the user should hear it in one sentence.
// `npm start` then serves the same workbench in the browser (web mode) instead of stopping there.
//
//   node electron/tools/launch-electron.mjs preview [--web] [--port N] [--data-dir DIR]
//   node electron/tools/launch-electron.mjs dev
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { electronUserDataDir, hasDisplay } from './desktop.mjs'
import { runWebMode } from './web-mode.mjs'

const require = createRequire(import.meta.url)
const root = fileURLToPath(new URL('../..', import.meta.url))

/** electron-vite subcommand per mode; `npm start` has just built, so preview need not build again. */
const modes = { preview: ['preview', '--skipBuild'], dev: ['dev'] }

const USAGE =
  'Usage: node electron/tools/launch-electron.mjs <preview|dev> [--web] [--port N] [--data-dir DIR]\n' +
  '  --web forces web mode; --port (0: a free one, the default) and --data-dir are web mode options.'

const DOWNLOAD_FAILED =
  'Electron could not be downloaded, so the desktop app cannot start here; ' +
  'the tests and `npm run web` still work without it (run `npx install-electron` to see why).'

/** `npm start`: why the desktop window cannot open, in one sentence that announces web mode. */
const FALLBACK = {
  download:
    'Electron could not be downloaded (run `npx install-electron` to see why), so the workbench runs in ' +
    'your browser instead (web mode).',
  display:
    'There is no display to show the desktop window on (DISPLAY and WAYLAND_DISPLAY are unset), so the ' +
    'workbench runs in your browser instead (web mode).',
}

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

const installElectron = () =>
  run(binOf('electron', 'install-electron'), [], { quiet: true, timeoutMs: installTimeoutMs })

/** The reason the desktop app cannot start here (a FALLBACK key), or null when it can. */
async function desktopBlocker() {
  // No display is certain without a download; a headless server should not wait minutes for one.
  if (!hasDisplay()) return 'display'
  return (await installElectron()) === 0 ? null : 'download'
}

function readOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      web: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
    },
  })
  return values
}

/** Web mode keeps its profiles where the desktop app does (Electron's userData), unless told otherwise. */
function desktopDataDir() {
  const { productName } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  return electronUserDataDir(productName)
}

async function start(options) {
  if (!options.web) {
    const blocker = await desktopBlocker()
    if (blocker === null) {
      if (options['data-dir'] !== undefined || options.port !== '0')
        console.error('--port and --data-dir are web mode options (add --web); starting the desktop app.')
      return (await run(binOf('electron-vite', 'electron-vite'), modes.preview)) ?? 1
    }
    console.error(FALLBACK[blocker])
  }
  return runWebMode({ root, port: options.port, dataDir: options['data-dir'] ?? desktopDataDir() })
}

async function main() {
  const [mode, ...args] = process.argv.slice(2)
  if (!Object.hasOwn(modes, mode)) {
    console.error(USAGE)
    return 2
  }
  let options
  try {
    options = readOptions(args)
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`)
    return 2
  }
  if (mode === 'preview') return start(options)
  if (args.length > 0) {
    console.error(`dev takes no options.\n${USAGE}`)
    return 2
  }
  if ((await installElectron()) !== 0) {
    console.error(DOWNLOAD_FAILED)
    return 1
  }
  return (await run(binOf('electron-vite', 'electron-vite'), modes.dev)) ?? 1
}

process.exitCode = await main()
