import type { Session, WebContents } from 'electron'
import { isSafeExternalUrl, safeOpenExternal } from './external-links'

/** The app needs no camera, notifications, geolocation or the like: every request and check says no. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Keeps every web contents on the app's own page: no navigation, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  // Subframes navigate through their own event; they get no further than the top frame.
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // Links meant for the browser go there; nothing opens inside the app.
    if (isSafeExternalUrl(url)) void safeOpenExternal(url)
    return { action: 'deny' }
  })
}
