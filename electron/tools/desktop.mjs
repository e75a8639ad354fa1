// What `npm start` needs to know about the desktop it runs on: whether a window can appear, how to open a URL
// in the default browser, and where the desktop app keeps its data. Pure functions of platform and env.
import { spawn } from 'node:child_process'
import { homedir } from 'node:os'
import { join, win32 } from 'node:path'
import { underCI } from './system-tools.mjs'

/** Linux and the BSDs show windows through X11 or Wayland; macOS and Windows always have a desktop session. */
export function hasDisplay(platform = process.platform, env = process.env) {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * The command that opens `url` in the default browser, or null where nobody would see it: under CI, and over
 * SSH unless a display is forwarded (on macOS `open` would show it on the remote machine's screen).
 */
export function browserCommand(url, platform = process.platform, env = process.env) {
  if (underCI(env)) return null
  const overSsh = Boolean(env.SSH_CONNECTION || env.SSH_TTY)
  if (platform === 'win32') return overSsh ? null : { command: 'cmd', args: ['/c', 'start', '""', url] }
  if (platform === 'darwin') return overSsh ? null : { command: 'open', args: [url] }
  return hasDisplay(platform, env) ? { command: 'xdg-open', args: [url] } : null
}

/** Opens `url` without waiting for the browser; a missing opener is not an error, the URL is printed anyway. */
export function openInBrowser(url, platform = process.platform, env = process.env) {
  const opener = browserCommand(url, platform, env)
  if (opener === null) return false
  const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsHide: true })
  child.once('error', () => undefined)
  child.unref()
  return true
}

/**
 * Electron's `app.getPath('userData')` for an app named `productName`: the desktop app keeps its profiles
 * there, and web mode started by `npm start` uses the same folder so both see the same profiles.
 */
export function electronUserDataDir(
  productName,
  platform = process.platform,
  env = process.env,
  home = homedir(),
) {
  if (platform === 'win32')
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), productName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName)
  // Electron (like XDG) takes XDG_CONFIG_HOME when set, else ~/.config.
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), productName)
}
