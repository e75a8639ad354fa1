import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Script, createContext } from 'node:vm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { Channels } from '../../electron/shared'

// The real build output: a sandboxed preload must be a classic CommonJS script, never an ES module.

const projectRoot = join(import.meta.dirname, '../..')
const builtPreload = join(projectRoot, 'out/preload/index.cjs')
const sourceDirs = ['electron/preload', 'electron/shared'].map((dir) => join(projectRoot, dir))

function newestSourceTime(): number {
  return Math.max(
    statSync(join(projectRoot, 'electron.vite.config.ts')).mtimeMs,
    ...sourceDirs.flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(
        (file) => statSync(join(dir, file)).mtimeMs,
      ),
    ),
  )
}

/** Builds only the preload target, with the project's own electron-vite config. */
async function buildPreload(): Promise<void> {
  const { resolveConfig } = await import('electron-vite')
  const { build } = await import('vite')
  const { config } = await resolveConfig(
    { configFile: join(projectRoot, 'electron.vite.config.ts'), root: projectRoot, logLevel: 'warn' },
    'build',
    'production',
  )
  if (config?.preload === undefined) throw new Error('electron.vite.config.ts has no preload target')
  await build({ ...config.preload, logLevel: 'warn' })
}

let source: string

beforeAll(async () => {
  if (!existsSync(builtPreload) || statSync(builtPreload).mtimeMs < newestSourceTime()) await buildPreload()
  source = readFileSync(builtPreload, 'utf8')
}, 60_000)

describe('built preload (out/preload/index.cjs)', () => {
  it('is CommonJS: no .mjs beside it and no top-level import or export', () => {
    expect(readdirSync(join(projectRoot, 'out/preload')).filter((file) => file.endsWith('.mjs'))).toEqual([])
    expect(source).not.toMatch(/^\s*(import|export)\b/m)
    // A classic script cannot contain module syntax: compiling it as one proves there is none.
    expect(() => new Script(source, { filename: builtPreload })).not.toThrow()
  })

  it('runs in a sandbox-like context, requires only electron and exposes the full API', () => {
    const required: string[] = []
    const exposeInMainWorld = vi.fn()
    const fakeElectron = {
      contextBridge: { exposeInMainWorld },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn() },
    }
    const module = { exports: {} }
    const context = createContext({
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name)
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`)
        return fakeElectron
      },
    })
    new Script(source, { filename: builtPreload }).runInContext(context)

    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(exposeInMainWorld).toHaveBeenCalledOnce()
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>]
    expect(key).toBe('socketApi')
    expect(Object.keys(api).sort()).toEqual([...Object.keys(Channels), 'onEvents'].sort())
  })
})
