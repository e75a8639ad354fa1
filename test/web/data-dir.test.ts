import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, prepareDataDir } from '../../electron/web/data-dir'

describe('data dir', () => {
  it('defaults to the per-user config folder of each OS', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/socket-workbench')
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/socket-workbench')
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/socket-workbench',
    )
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/socket-workbench',
    )
    expect(defaultDataDir({ APPDATA: '/c/Users/ada/AppData/Roaming' }, 'win32', '/c/Users/ada')).toBe(
      '/c/Users/ada/AppData/Roaming/socket-workbench',
    )
  })

  it('creates the chosen folder (and its parents) and returns its absolute path', async () => {
    const root = await mkdtemp(join(tmpdir(), 'data-dir-'))
    try {
      const dir = await prepareDataDir(join(root, 'a', 'b'))
      expect(dir).toBe(join(root, 'a', 'b'))
      expect((await stat(dir)).isDirectory()).toBe(true)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
