// Packages the app with the real electron-builder CLI and config, with a placeholder in place of the
// Electron binary (it cannot be downloaded here), and inspects what an installer would ship.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { extractFile, listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBuilderConfig } from './builder-config'
import { buildWithElectronVite, packForLinux } from './electron-builder-cli'
import { findProgram } from './find-program'
import { FUSE_OFF, FUSE_ON, STOCK_FUSES, writePlaceholderElectronDist } from './placeholder-electron'
import { packageJson } from './project'
import { stageProject } from './staged-project'
import { listTarGz } from './tar-listing'

/** Source maps a sourcemap-enabled build would leave next to the bundles; the whitelist must drop them. */
const PLANTED_MAPS = ['out/main/index.js.map', 'out/renderer/assets/planted.js.map']

const sevenZip = process.env.ELECTRON_BUILDER_7ZIP_PATH ?? findProgram(['7z', '7za', '7zz'])
if (!sevenZip) {
  console.log(
    'packaging: skipping the tar.gz test: no 7z/7za/7zz on PATH (Debian: apt-get install p7zip-full)',
  )
}

/** A fuse wire as { FuseName: 'on' | 'off' }, readable in a failed assertion. */
function fuseStates(wire: Partial<Record<FuseV1Options, number>>): Record<string, string> {
  const states = Object.values(FuseV1Options)
    .filter((index) => typeof index === 'number')
    .map((index) => [FuseV1Options[index], fuseState(wire[index])])
  return Object.fromEntries(states)
}

function fuseState(state: number | undefined): string {
  return state === FUSE_ON ? 'on' : state === FUSE_OFF ? 'off' : `unexpected ${state}`
}

let work: string
let projectDir: string
let electronDist: string
let executableName: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'socket-workbench-packaging-'))
  projectDir = await stageProject(join(work, 'project'))
  await buildWithElectronVite(projectDir)
  for (const map of PLANTED_MAPS) {
    await mkdir(join(projectDir, map, '..'), { recursive: true })
    await writeFile(join(projectDir, map), '{"version":3,"sources":[],"mappings":""}')
  }
  electronDist = await writePlaceholderElectronDist(join(work, 'electron-dist'))
  executableName = (await loadBuilderConfig(projectDir)).linux?.executableName ?? packageJson.name
}, 180_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('electron-builder --linux dir', () => {
  let unpackedDir: string
  let asarPath: string
  let entries: string[]

  beforeAll(async () => {
    const outputDir = join(work, 'dist-dir')
    await packForLinux({ projectDir, targets: ['dir'], electronDist, outputDir })
    unpackedDir = join(outputDir, 'linux-unpacked')
    asarPath = join(unpackedDir, 'resources', 'app.asar')
    // Entries come back as '/out/main/index.js' (backslashes on Windows): make them plain relative paths.
    entries = listPackage(asarPath, { isPack: false }).map((entry) =>
      entry.replaceAll('\\', '/').replace(/^\//, ''),
    )
  }, 180_000)

  it('ships the built app: package.json, the main entry, the preload and the renderer page', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'package.json',
        packageJson.main,
        'out/preload/index.cjs',
        'out/renderer/index.html',
      ]),
    )
  })

  it('ships nothing but out/ and package.json: no sources, tests or source maps', () => {
    // The staged project really has all of these, so their absence is the whitelist's doing.
    for (const present of ['electron', 'renderer/src', 'test', ...PLANTED_MAPS]) {
      expect(existsSync(join(projectDir, present)), present).toBe(true)
    }
    const forbidden = entries.filter((entry) =>
      /^(electron|renderer\/src|test|node_modules)(\/|$)|\.map$/.test(entry),
    )
    expect(forbidden).toEqual([])
    expect(
      entries.filter((entry) => entry !== 'package.json' && entry !== 'out' && !entry.startsWith('out/')),
    ).toEqual([])
  })

  it('packs a package.json whose main entry is inside the archive', () => {
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as {
      main: string
      version: string
    }
    expect(packed.main).toBe(packageJson.main)
    expect(packed.version).toBe(packageJson.version)
    expect(extractFile(asarPath, packed.main).length).toBeGreaterThan(0)
  })

  it('flips the Electron fuses in the packaged executable as the config says', async () => {
    expect(fuseStates(await getCurrentFuseWire(join(unpackedDir, executableName)))).toEqual({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      EnableCookieEncryption: 'on',
      GrantFileProtocolExtraPrivileges: 'off',
      // Not configured: left as Electron ships it.
      LoadBrowserProcessSpecificV8Snapshot: fuseState(
        STOCK_FUSES[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
      ),
    })
  })
})

describe.skipIf(!sevenZip)("electron-builder --linux tar.gz with the system's 7-Zip", () => {
  it('writes the archive under the configured artifact name, holding the executable and app.asar', async () => {
    const outputDir = join(work, 'dist-tar')
    const env = { ...process.env, ELECTRON_BUILDER_7ZIP_PATH: sevenZip ?? '' }
    await packForLinux({ projectDir, targets: ['tar.gz'], electronDist, outputDir, env })

    const stem = `${packageJson.productName}-${packageJson.version}-linux-x64`
    const archive = join(outputDir, `${stem}.tar.gz`)
    expect(existsSync(archive), archive).toBe(true)
    const listing = await listTarGz(archive)
    expect(listing).toEqual(
      expect.arrayContaining([`${stem}/${executableName}`, `${stem}/resources/app.asar`]),
    )
  }, 180_000)
})
