import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FuseV1Options } from '@electron/fuses'

/** Marks the fuse wire inside every Electron binary (@electron/fuses searches for it). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1
export const FUSE_ON = '1'.charCodeAt(0)
export const FUSE_OFF = '0'.charCodeAt(0)

/** The fuses as a stock Electron binary ships them, so packaging has to flip them to match the config. */
export const STOCK_FUSES: Record<FuseV1Options, number> = {
  [FuseV1Options.RunAsNode]: FUSE_ON,
  [FuseV1Options.EnableCookieEncryption]: FUSE_OFF,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FUSE_ON,
  [FuseV1Options.EnableNodeCliInspectArguments]: FUSE_ON,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FUSE_OFF,
  [FuseV1Options.OnlyLoadAppFromAsar]: FUSE_OFF,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FUSE_OFF,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FUSE_ON,
}

/**
 * An unpacked "Electron" folder whose executable is a clearly-labelled placeholder shell script (the real
 * binary cannot be downloaded here). It carries a fuse wire at stock values so electron-builder's fuse
 * step runs for real and its result can be read back.
 */
export async function writePlaceholderElectronDist(dir: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true })
  const wire = Object.values(STOCK_FUSES)
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n' +
        '# PLACEHOLDER, NOT ELECTRON: stands in for the Electron binary in the packaging layout test.\n' +
        '# Fuse wire (sentinel, version, count, states) for electron-builder to flip: ' +
        FUSE_SENTINEL,
    ),
    Buffer.from([FUSE_WIRE_VERSION, wire.length, ...wire]),
    Buffer.from('\necho "placeholder, not Electron: this package was built by a test" >&2\nexit 1\n'),
  ])
  await writeFile(join(dir, 'electron'), script, { mode: 0o755 })
  return dir
}
