import { cp, symlink } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { repoRoot } from './project'

/** Build output and tool folders: never part of a fresh checkout. */
const NOT_SOURCES = new Set(['.git', 'out', 'dist', 'coverage', 'test-results', 'playwright-report'])

function isSource(path: string): boolean {
  const segments = relative(repoRoot, path).split(sep)
  return !NOT_SOURCES.has(segments[0]) && !segments.includes('node_modules')
}

/**
 * A copy of the project's sources (electron/, renderer/, test/, build/, configs) in `dir`, sharing the
 * installed node_modules. Packaging it proves the whitelist keeps sources out of app.asar, without the
 * tests rebuilding the out/ folder that other tests and developers use.
 */
export async function stageProject(dir: string): Promise<string> {
  await cp(repoRoot, dir, { recursive: true, filter: isSource })
  // A junction needs no privileges on Windows; elsewhere the type is ignored.
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction')
  return dir
}
