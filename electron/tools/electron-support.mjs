#!/usr/bin/env node
// Electron supports its three newest stable majors; an app pinned to an older one gets no security fixes.
// `node electron/tools/electron-support.mjs` compares the pinned version with the registry's latest and fails
// when the pinned major has fallen out of support. CI runs it; without the registry it warns and passes (the
// answer cannot be known offline, and a network blip must not fail a build).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** How many stable majors Electron supports at once (electronjs.org/docs/latest/tutorial/electron-timelines). */
export const SUPPORTED_MAJORS = 3

const majorOf = (version) => Number.parseInt(String(version).replace(/^[^\d]*/, ''), 10)

/** The verdict for a pinned version against the newest stable release. */
export function supportVerdict(pinned, latest) {
  const pinnedMajor = majorOf(pinned)
  const latestMajor = majorOf(latest)
  if (!Number.isInteger(pinnedMajor) || !Number.isInteger(latestMajor)) {
    return { supported: false, message: `cannot read Electron versions "${pinned}" and "${latest}"` }
  }
  const oldestSupported = latestMajor - SUPPORTED_MAJORS + 1
  return pinnedMajor >= oldestSupported
    ? {
        supported: true,
        message: `Electron ${pinned} is supported (latest ${latest}; supported majors ${oldestSupported}–${latestMajor}).`,
      }
    : {
        supported: false,
        message:
          `Electron ${pinned} is out of support: the newest release is ${latest} and only majors ` +
          `${oldestSupported}–${latestMajor} get fixes. Move package.json to a supported major.`,
      }
}

export function pinnedElectron(
  packageJsonPath = fileURLToPath(new URL('../../package.json', import.meta.url)),
) {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'))
  return manifest.devDependencies?.electron ?? manifest.dependencies?.electron
}

function latestElectron() {
  return new Promise((resolve) => {
    execFile('npm', ['view', 'electron', 'dist-tags.latest'], { timeout: 30_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    )
  })
}

async function main() {
  const pinned = pinnedElectron()
  const latest = await latestElectron()
  if (latest === undefined || latest === '') {
    process.stderr.write(
      `warning: could not ask the npm registry for Electron's latest release; ${pinned} not checked.\n`,
    )
    return
  }
  const verdict = supportVerdict(pinned, latest)
  process.stdout.write(`${verdict.message}\n`)
  if (!verdict.supported) process.exitCode = 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
