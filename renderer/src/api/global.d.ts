import type { SocketApi } from '../../../electron/shared/api'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode. */
    socketApi?: SocketApi
  }
}

export {}
