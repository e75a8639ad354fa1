import type { SocketApi } from '../../../electron/shared/api'
import type { Transport } from './transport'

/** The preload's API: IPC inside one process tree, so it is always "open". */
export function createElectronTransport(api: SocketApi): Transport {
  return { api, status: () => 'open', onStatus: () => () => {} }
}
