import { describe, expect, it } from 'vitest'
import { browserCommand, electronUserDataDir, hasDisplay } from '../../electron/tools/desktop.mjs'

const url = 'http://127.0.0.1:5000/#token=abc'

describe('hasDisplay', () => {
  it('needs X11 or Wayland on Linux; macOS and Windows always have one', () => {
    expect(hasDisplay('linux', {})).toBe(false)
    expect(hasDisplay('linux', { DISPLAY: '' })).toBe(false)
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true)
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true)
    expect(hasDisplay('darwin', {})).toBe(true)
    expect(hasDisplay('win32', {})).toBe(true)
  })
})

describe('browserCommand', () => {
  it('uses xdg-open, open or start', () => {
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] })
    expect(browserCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] })
    expect(browserCommand(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] })
  })

  it('never opens a browser in CI, without a display, or over SSH without a forwarded display', () => {
    expect(browserCommand(url, 'linux', { DISPLAY: ':0', CI: 'true' })).toBeNull()
    expect(browserCommand(url, 'darwin', { CI: '1' })).toBeNull()
    expect(browserCommand(url, 'linux', {})).toBeNull()
    expect(browserCommand(url, 'linux', { SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' })).toBeNull()
    expect(browserCommand(url, 'darwin', { SSH_TTY: '/dev/ttys001' })).toBeNull()
    expect(browserCommand(url, 'win32', { SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' })).toBeNull()
    // X forwarding (ssh -X) shows the browser on the user's own screen.
    expect(browserCommand(url, 'linux', { SSH_CONNECTION: 'x', DISPLAY: 'localhost:10.0' })).toEqual({
      command: 'xdg-open',
      args: [url],
    })
    expect(browserCommand(url, 'linux', { DISPLAY: ':0', CI: 'false' })).not.toBeNull()
  })
})

describe('electronUserDataDir', () => {
  it("is Electron's userData for the product name on each OS", () => {
    expect(electronUserDataDir('Socket Workbench', 'linux', {}, '/home/ada')).toBe(
      '/home/ada/.config/Socket Workbench',
    )
    expect(electronUserDataDir('Socket Workbench', 'linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe(
      '/xdg/Socket Workbench',
    )
    expect(electronUserDataDir('Socket Workbench', 'darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Socket Workbench',
    )
    expect(
      electronUserDataDir(
        'Socket Workbench',
        'win32',
        { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        'C:\\Users\\ada',
      ),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Socket Workbench')
  })
})
