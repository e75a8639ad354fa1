import type { SocketApi } from '../../../electron/shared/api'

/**
 * connecting: first attempt in progress (requests wait for it); open; closed: lost after being open
 * (retrying, requests fail with ENOTCONN); refused: the host turned us away (requests fail with EACCES);
 * no-token: the page URL carries no access token, so nothing was tried; restarted: after the link was lost, the
 * host answers again but refuses this page's token (it was restarted with a new one): retrying cannot help;
 * gone: after the link was lost nothing answered at this address for a while (the host stopped, or runs again
 * elsewhere): retrying stopped.
 */
export type TransportStatus = 'connecting' | 'open' | 'closed' | 'refused' | 'no-token' | 'restarted' | 'gone'

/** A SocketApi plus how its connection is doing, so the UI can say when the host is unreachable. */
export interface Transport {
  api: SocketApi
  status(): TransportStatus
  onStatus(listener: (status: TransportStatus) => void): () => void
}
