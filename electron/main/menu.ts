import { Menu, type MenuItemConstructorOptions } from 'electron'
import { safeOpenExternal } from './external-links'

export const PROJECT_URL = 'https://github.com/socket-workbench/socket-workbench'

export interface MenuOptions {
  isPackaged: boolean
  platform: NodeJS.Platform
}

export function buildMenuTemplate({ isPackaged, platform }: MenuOptions): MenuItemConstructorOptions[] {
  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developerItems,
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Project Website', click: () => void safeOpenExternal(PROJECT_URL) }],
    },
  ]
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
