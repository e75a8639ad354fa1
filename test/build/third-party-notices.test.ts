import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUNDLED_ROOTS, collectPackages, renderNotices } from '../../electron/tools/third-party-notices.mjs'

// The app ships the licence of every npm package bundled into it (issue 13). The list of packages our code
// imports is kept by hand, so this test fails when shipped code imports a package the list does not name.

const SHIPPED = [
  'renderer/src',
  'electron/main',
  'electron/preload',
  'electron/shared',
  'electron/core',
  'electron/cli',
]
/** Provided by the runtime, not bundled. */
const RUNTIME = /^(node:|electron$)/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(name) && !/\.config\.ts$/.test(name) ? [path] : []
  })
}

describe('third-party notices', () => {
  it('name every package the shipped code imports', () => {
    const imported = new Set<string>()
    for (const file of SHIPPED.flatMap(sourceFiles)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^.'][^']*)'/g)) {
        if (RUNTIME.test(specifier!)) continue
        const parts = specifier!.split('/')
        imported.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!)
      }
    }
    expect([...imported].sort()).toEqual([...BUNDLED_ROOTS].sort())
  })

  it('carry each bundled package with its licence text, dependencies included', () => {
    const packages = collectPackages()
    const names = packages.map((entry) => entry.name)
    for (const name of BUNDLED_ROOTS) expect(names).toContain(name)
    expect(names).toContain('@vue/runtime-core') // a dependency of vue, not imported by us
    for (const entry of packages)
      expect(entry.texts.join(''), `${entry.name} has a licence file`).toMatch(/\w/)
    const text = renderNotices(packages)
    expect(text).toContain('MIT')
    expect(text).toContain(`zod ${packages.find((entry) => entry.name === 'zod')!.version}`)
  })
})
