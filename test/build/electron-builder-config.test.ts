// electron-builder.yml, checked by electron-builder's own loader and schema, then against what the
// installers must be (issue 6): whitelist, fuses, targets, artifact names, macOS hardening.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Configuration, TargetConfiguration } from 'electron-builder'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadBuilderConfig, validateBuilderConfig } from './builder-config'
import { repoRoot } from './project'

let config: Configuration

beforeAll(async () => {
  config = await loadBuilderConfig()
})

/** Target names with their architectures, from a platform's `target` list. */
function targets(list: unknown): Record<string, string[]> {
  const entries = (list as (string | TargetConfiguration)[]).map((entry) =>
    typeof entry === 'string' ? [entry, []] : [entry.target, (entry.arch ?? []) as string[]],
  )
  return Object.fromEntries(entries)
}

function buildResource(path: string): string {
  return join(repoRoot, config.directories?.buildResources ?? 'build', path)
}

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined()
  })

  it('is really validated: a misspelt option is rejected by name', async () => {
    const misspelt = { ...config, npmRebuilt: false } as Configuration
    await expect(validateBuilderConfig(misspelt)).rejects.toThrow(/npmRebuilt/)
  })

  it('names the app and writes installers to dist/', () => {
    expect(config.appId).toBe('dev.socketworkbench.app')
    expect(config.productName).toBe('Socket Workbench')
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'dist' })
  })

  it('packs into app.asar and rebuilds no native modules', () => {
    // What goes into the archive is proven by packaging it: packaging-layout.test.ts.
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(false)
  })

  it('turns the risky Electron fuses off and the protective ones on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    })
  })

  it('builds AppImage, deb, rpm and tar.gz for Linux with a Development desktop entry and its icon set', () => {
    expect(Object.keys(targets(config.linux?.target))).toEqual(['AppImage', 'deb', 'rpm', 'tar.gz'])
    expect(config.linux?.category).toBe('Development')
    expect(config.linux?.desktop?.entry).toMatchObject({ GenericName: 'TCP/UDP Test Tool' })
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(buildResource(`icons/${size}x${size}.png`)), `${size}x${size}.png`).toBe(true)
    }
  })

  it('builds a per-user NSIS installer with a choosable folder and a portable exe, for x64 and arm64', () => {
    expect(targets(config.win?.target)).toEqual({ nsis: ['x64', 'arm64'], portable: ['x64', 'arm64'] })
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    })
    expect(existsSync(buildResource(config.win?.icon ?? 'icon.ico'))).toBe(true)
  })

  it('builds dmg and zip for macOS on x64 and arm64, hardened, with entitlements and a local network reason', () => {
    expect(targets(config.mac?.target)).toEqual({ dmg: ['x64', 'arm64'], zip: ['x64', 'arm64'] })
    expect(config.mac?.hardenedRuntime).toBe(true)
    const entitlements = join(repoRoot, config.mac?.entitlements ?? '')
    expect(readFileSync(entitlements, 'utf8')).toContain('<key>com.apple.security.cs.allow-jit</key>')
    expect(config.mac?.extendInfo?.NSLocalNetworkUsageDescription).toMatch(/local network/)
    expect(existsSync(buildResource(config.mac?.icon ?? 'icon.icns'))).toBe(true)
  })

  it('names artifacts product-version-os-arch, and no two Windows targets share a file name', () => {
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}')
    const nsisName = config.nsis?.artifactName ?? config.artifactName
    expect(config.portable?.artifactName).not.toBe(nsisName)
    expect(config.portable?.artifactName).toBe('${productName}-${version}-${os}-${arch}-portable.${ext}')
  })
})
