#!/usr/bin/env node
// The programs the tests drive besides Node (peers we did not write, and the browser for end-to-end tests),
// how to install each, and the check `npm test` runs before any suite. Plain Node: it must run before
// node_modules exists.
//
//   node electron/tools/system-tools.mjs check                 names every missing tool with its install line
//   node electron/tools/system-tools.mjs needs TOOL… -- CMD…   runs CMD when the tools exist, else skips it
//
// Locally a missing tool skips what needs it (with the line that installs it); under CI it is a failure.
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Per tool: the Debian/Ubuntu package, and the Homebrew formula where one exists. */
export const SYSTEM_TOOLS = {
  chromium: { apt: 'chromium', brew: '--cask chromium' },
  socat: { apt: 'socat', brew: 'socat' },
  ncat: { apt: 'ncat', brew: 'nmap' },
  openssl: { apt: 'openssl', brew: 'openssl@3' },
  tshark: { apt: 'tshark', brew: 'wireshark' },
  python3: { apt: 'python3', brew: 'python' },
}

export const TOOL_NAMES = Object.keys(SYSTEM_TOOLS)

/** CI services set CI=true (or 1); there a missing tool must fail the run instead of skipping a suite. */
export function underCI(env = process.env) {
  return env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase())
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Whether `command` is found on `env.PATH` (with PATHEXT on Windows). */
function onPath(command, env, platform) {
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  return (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => extensions.some((extension) => isExecutable(join(dir, command + extension))))
}

/** The tools of `names` this machine lacks. Chromium may live elsewhere: CHROMIUM_PATH, as the e2e config reads. */
export function missingTools(names = TOOL_NAMES, env = process.env, platform = process.platform) {
  for (const name of names) {
    if (!Object.hasOwn(SYSTEM_TOOLS, name)) throw new Error(`unknown system tool ${JSON.stringify(name)}`)
  }
  return names.filter((name) =>
    name === 'chromium' && env.CHROMIUM_PATH
      ? !isExecutable(env.CHROMIUM_PATH)
      : !onPath(name, env, platform),
  )
}

/** One line: the tool, and the exact command that installs it on Debian/Ubuntu (and with Homebrew). */
export function installLine(name) {
  const { apt, brew } = SYSTEM_TOOLS[name]
  return `${name} is missing: install it with \`sudo apt-get install -y ${apt}\` (Debian/Ubuntu) or \`brew install ${brew}\` (macOS).`
}

/** One line per missing tool. */
export function missingToolsReport(names) {
  return names.map(installLine).join('\n')
}

/** `check`: exit code 1 under CI when something is missing, else 0; the report goes to stderr. */
export function checkTools(env = process.env, log = (line) => console.error(line)) {
  const missing = missingTools(TOOL_NAMES, env)
  if (missing.length === 0) return 0
  log(missingToolsReport(missing))
  if (underCI(env)) {
    log('Under CI a missing tool is a failure, not a skip.')
    return 1
  }
  log('The tests that need them will be skipped.')
  return 0
}

function runCommand(command) {
  return new Promise((resolve) => {
    // A shell, as npm scripts use one: `npm run test:e2e` resolves through PATH (npm.cmd on Windows).
    const child = spawn(command.join(' '), { stdio: 'inherit', shell: true })
    child.once('error', () => resolve(1))
    child.once('exit', (code) => resolve(code ?? 1))
  })
}

/** `needs TOOL… -- CMD…`: runs CMD when every tool exists; otherwise skips it locally, fails under CI. */
async function needs(args, env) {
  const separator = args.indexOf('--')
  const tools = args.slice(0, separator)
  const command = args.slice(separator + 1)
  if (separator < 1 || command.length === 0) return usage()
  const missing = missingTools(tools, env)
  if (missing.length === 0) return runCommand(command)
  console.error(missingToolsReport(missing))
  if (underCI(env)) return 1
  console.error(`Skipped \`${command.join(' ')}\`: it needs ${missing.join(', ')}.`)
  return 0
}

function usage() {
  console.error('Usage: node electron/tools/system-tools.mjs check | needs TOOL... -- COMMAND...')
  return 2
}

async function main(args) {
  if (args[0] === 'check' && args.length === 1) return checkTools()
  if (args[0] === 'needs') return needs(args.slice(1), process.env)
  return usage()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2))
