#!/usr/bin/env node
// Writes out/THIRD_PARTY_NOTICES.txt: the licence of every npm package bundled into the app (and the CLI),
// found by walking the runtime dependencies of the packages our code imports. electron-builder ships it inside
// the app (out/**); Electron's own notices (LICENSES.chromium.html) come with the Electron binary.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The packages our shipped code imports (a test checks this list against the sources' imports). */
export const BUNDLED_ROOTS = [
  'vue',
  'vue-i18n',
  'pinia',
  'zod',
  'uplot',
  '@tanstack/vue-virtual',
  '@peculiar/x509',
  'reflect-metadata',
  'yaml',
  'hdr-histogram-js',
]

const root = fileURLToPath(new URL('../..', import.meta.url))
/** Packages that ship no licence file: where their licence's text is published instead. */
const PUBLISHED_LICENCES = {
  // A dependency of hdr-histogram-js (its WebAssembly loader), Apache-2.0 by its package.json.
  '@assemblyscript/loader': 'https://www.apache.org/licenses/LICENSE-2.0.txt',
}
const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i

function manifestOf(name, modulesDir) {
  const path = join(modulesDir, name, 'package.json')
  return existsSync(path)
    ? { dir: dirname(path), manifest: JSON.parse(readFileSync(path, 'utf8')) }
    : undefined
}

function publishedLicence(name, license) {
  const address = PUBLISHED_LICENCES[name]
  return address === undefined
    ? []
    : [`Licensed under ${license}; the package ships no licence file. The licence text: ${address}`]
}

/** Every package reachable from `roots` through `dependencies`, once each, sorted by name. */
export function collectPackages(roots = BUNDLED_ROOTS, modulesDir = join(root, 'node_modules')) {
  const found = new Map()
  const pending = [...roots]
  while (pending.length > 0) {
    const name = pending.pop()
    if (found.has(name)) continue
    const entry = manifestOf(name, modulesDir)
    if (entry === undefined) throw new Error(`${name} is not installed in ${modulesDir}`)
    const licenceFiles = readdirSync(entry.dir).filter((file) => LICENCE_FILE.test(file))
    found.set(name, {
      name,
      version: entry.manifest.version,
      license: entry.manifest.license ?? 'UNKNOWN',
      texts:
        licenceFiles.length > 0
          ? licenceFiles.map((file) => readFileSync(join(entry.dir, file), 'utf8').trim())
          : publishedLicence(name, entry.manifest.license),
    })
    pending.push(...Object.keys(entry.manifest.dependencies ?? {}))
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export function renderNotices(packages) {
  const header =
    'Socket Workbench includes the following third-party software. Each is distributed under its own licence,\n' +
    'reproduced below. Electron and Chromium notices: LICENSES.chromium.html next to the application binary.\n'
  const sections = packages.map(({ name, version, license, texts }) =>
    [
      `${'='.repeat(78)}`,
      `${name} ${version} — ${license}`,
      '',
      texts.join('\n\n') || `(${license}; no licence file shipped)`,
    ].join('\n'),
  )
  return `${header}\n${sections.join('\n\n')}\n`
}

function main() {
  const out = join(root, 'out', 'THIRD_PARTY_NOTICES.txt')
  mkdirSync(dirname(out), { recursive: true })
  const packages = collectPackages()
  writeFileSync(out, renderNotices(packages))
  process.stdout.write(`third-party notices: ${packages.length} packages → ${out}\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
