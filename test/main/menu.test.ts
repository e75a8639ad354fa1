import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { Menu, openExternal } from './fake-electron'
import { PROJECT_URL, buildMenuTemplate, installMenu } from '../../electron/main/menu'

vi.mock('electron', () => import('./fake-electron'))

/** Every role and label in the menu, depth first. */
function entries(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role !== undefined ? [item.role] : []),
    ...(item.label !== undefined ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? entries(item.submenu) : []),
  ])
}

describe('application menu', () => {
  it('has Edit, View, Window and Help', () => {
    const top = entries(
      buildMenuTemplate({ isPackaged: true, platform: 'linux' }).map(({ submenu: _, ...item }) => item),
    )
    expect(top).toEqual(['editMenu', 'View', 'windowMenu', 'help'])
  })

  it('adds the app menu on macOS', () => {
    expect(buildMenuTemplate({ isPackaged: true, platform: 'darwin' })[0]).toEqual({ role: 'appMenu' })
  })

  it('offers DevTools only in development', () => {
    expect(entries(buildMenuTemplate({ isPackaged: false, platform: 'linux' }))).toContain('toggleDevTools')
    expect(entries(buildMenuTemplate({ isPackaged: true, platform: 'linux' }))).not.toContain(
      'toggleDevTools',
    )
  })

  it('opens the project page through safeOpenExternal from Help', async () => {
    const help = buildMenuTemplate({ isPackaged: true, platform: 'linux' }).find(
      (item) => item.role === 'help',
    )
    const [item] = help?.submenu as MenuItemConstructorOptions[]
    item?.click?.({} as never, undefined, {} as never)
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith(PROJECT_URL))
  })

  it('installs the built template as the application menu', () => {
    installMenu({ isPackaged: false, platform: 'linux' })
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0]?.value)
  })
})
