// The GitHub workflows parse, and say what issue 6 asks: tests on three OSes (the Electron smoke test
// required there), installers per OS through the package.json scripts, a draft release on v* tags.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageJson, repoRoot } from './project'

// electron-builder's own YAML parser (its config is YAML too).
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

interface Step {
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  if?: string
  uses?: string
  permissions?: Record<string, string>
  env?: Record<string, string>
  strategy?: { matrix: { os?: string[]; include?: { os: string; dist: string }[] } }
  steps?: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, Job>
}

const workflow = (name: string): Workflow =>
  load(readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8')) as Workflow
const ci = workflow('ci.yml')
const release = workflow('release.yml')
const OSES = ['ubuntu-latest', 'windows-latest', 'macos-latest']

describe('.github/workflows/ci.yml', () => {
  it('runs on pull requests and pushes, and can be called by the release workflow', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'workflow_call']))
  })

  it('tests on Linux, Windows and macOS, with the Electron smoke test required rather than skipped', () => {
    const test = ci.jobs.test!
    expect(test.strategy?.matrix.os).toEqual(OSES)
    expect(test.env?.SMOKE_REQUIRE_ELECTRON).toBe('1')
    const runs = (test.steps ?? []).map((step) => step.run ?? '').join('\n')
    expect(runs).toContain('node node_modules/electron/install.js')
    expect(runs).toContain('xvfb-run -a npm test')
    expect(runs).toContain('test/e2e/electron-smoke.spec.ts')
  })
})

describe('.github/workflows/release.yml', () => {
  it('runs the CI tests first, on v* tags', () => {
    expect(release.on.push).toEqual({ tags: ['v*'] })
    expect(release.jobs.test?.uses).toBe('./.github/workflows/ci.yml')
    expect(release.jobs.installers?.needs).toBe('test')
  })

  it('builds each OS with its package.json dist script and uploads the installers', () => {
    const installers = release.jobs.installers!
    const include = installers.strategy?.matrix.include ?? []
    expect(include.map((entry) => entry.os)).toEqual(OSES)
    for (const { dist } of include) expect(packageJson.scripts[dist], dist).toBeDefined()
    const upload = installers.steps?.find((step) => step.uses?.startsWith('actions/upload-artifact'))
    expect(String(upload?.with?.path)).toContain('dist/*.dmg')
  })

  it('drafts a GitHub release only for tags, with write access only there', () => {
    const draft = release.jobs['draft-release']!
    expect(draft.if).toContain("startsWith(github.ref, 'refs/tags/v')")
    expect(draft.permissions).toEqual({ contents: 'write' })
    expect((draft.steps ?? []).map((step) => step.run ?? '').join('\n')).toContain('--draft')
  })
})

describe('local references', () => {
  it('every ./ action and .github/scripts file a workflow uses exists', () => {
    const steps = [...Object.values(ci.jobs), ...Object.values(release.jobs)].flatMap(
      (job) => job.steps ?? [],
    )
    const paths = [
      ...steps.flatMap((step) => (step.uses?.startsWith('./') ? [join(step.uses, 'action.yml')] : [])),
      ...steps.flatMap((step) =>
        [...(step.run ?? '').matchAll(/\.github\/scripts\/[\w.-]+/g)].map((m) => m[0]),
      ),
    ]
    expect(paths.length).toBeGreaterThan(1)
    for (const path of paths) expect(existsSync(join(repoRoot, path)), path).toBe(true)
  })
})
