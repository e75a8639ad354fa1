import { createElectronTransport } from './electron-transport'
import type { Transport } from './transport'
import { createWebTransport, webSocketUrl } from './web-transport'

/** The preload's API inside Electron; otherwise the web host's WebSocket for this page's token. */
export function createTransport(): Transport {
  if (window.socketApi) return createElectronTransport(window.socketApi)
  return createWebTransport({ url: webSocketUrl(window.location) })
}

export type { Transport, TransportStatus } from './transport'
