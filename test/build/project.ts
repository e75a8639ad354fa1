import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: every build test works from the real configuration files. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface PackageJson {
  name: string
  productName: string
  version: string
  main: string
  scripts: Record<string, string>
  devDependencies: Record<string, string>
}

export const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson
