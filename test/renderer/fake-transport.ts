import type { SocketApi } from '../../electron/shared/api'
import type { TransportStatus } from '../../renderer/src/api/transport'
import { useConnectionStore } from '../../renderer/src/stores/connection'

/** Attaches the connection store to an open link over `api`; answers how to change the link's status. */
export function attachFakeTransport(api: SocketApi): (next: TransportStatus) => void {
  const listeners = new Set<(next: TransportStatus) => void>()
  let current: TransportStatus = 'open'
  useConnectionStore().attach({
    api,
    status: () => current,
    onStatus: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  })
  return (next) => {
    current = next
    listeners.forEach((listener) => listener(next))
  }
}
