import { mkdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

const APP_FOLDER = 'socket-workbench'

/** The per-user config folder: XDG on Linux, Application Support on macOS, %APPDATA% on Windows. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER)
  const configHome = env.XDG_CONFIG_HOME
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  return join(
    configHome !== undefined && configHome.startsWith('/') ? configHome : join(home, '.config'),
    APP_FOLDER,
  )
}

/** Resolves the folder profiles live in (the option, else the default) and makes sure it exists. */
export async function prepareDataDir(option: string | undefined): Promise<string> {
  const dir = option === undefined ? defaultDataDir() : resolve(option)
  await mkdir(dir, { recursive: true })
  return dir
}
