import { createElectronTransport } from './electron-transport'
import type { Transport } from './transport'
import { createWebTransport, reloadOnNewToken, takePageToken, webSocketUrl } from './web-transport'

/** The preload's API inside Electron; otherwise the web host's WebSocket for this page's token (taken out of the address bar). */
export function createTransport(): Transport {
  if (window.socketApi) return createElectronTransport(window.socketApi)
  reloadOnNewToken(window)
  return createWebTransport({ url: webSocketUrl(window.location, takePageToken(window)) })
}

export type { Transport, TransportStatus } from './transport'
