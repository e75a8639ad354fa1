#!/usr/bin/env node
// `npm run cli -- ARGS`: builds out/cli/index.js when it is missing or older than its sources, then runs it in this
// very process (so Ctrl+C reaches it directly). The build's own chatter goes to stderr: stdout stays the CLI's.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const built = join(root, 'out', 'cli', 'index.js')
const sourceDirs = ['electron/cli', 'electron/core', 'electron/shared'].map((dir) => join(root, dir))

/** Newest modification time of the files under `dir`, in milliseconds. */
function newestIn(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }
  return newest
}

function isStale() {
  let builtAt
  try {
    builtAt = statSync(built).mtimeMs
  } catch {
    return true
  }
  const sourcesAt = Math.max(statSync(join(root, 'package.json')).mtimeMs, ...sourceDirs.map(newestIn))
  return sourcesAt > builtAt
}

if (isStale()) {
  const require = createRequire(import.meta.url)
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js')
  process.stderr.write('socket-workbench: building out/cli/index.js\n')
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'electron/cli/vite.config.ts'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  })
  if (build.status !== 0) {
    process.stderr.write('socket-workbench: the CLI build failed (see above)\n')
    process.exit(1)
  }
}

await import(pathToFileURL(built).href)
