import type { Endpoint, SessionEvent } from '../shared'

export interface Ends {
  local?: Endpoint
  remote?: Endpoint
}

const keyOf = (event: Pick<SessionEvent, 'sessionId' | 'connectionId'>): string =>
  `${event.sessionId}/${event.connectionId ?? ''}`

/**
 * TCP data events name no endpoints (the connection does); the book remembers each connection's ends from its
 * `connected` / `accept` event so every output line can say who sent what. Forgotten on close: bounded by the
 * connections open at once.
 */
export class EndpointBook {
  private readonly ends = new Map<string, Ends>()

  note(event: SessionEvent): void {
    if (event.type === 'connected' || event.type === 'accept') {
      this.ends.set(keyOf(event), { local: event.local, remote: event.remote })
    } else if (event.type === 'close' && event.scope !== 'listener') {
      this.ends.delete(keyOf(event))
    }
  }

  /** The ends of the event's connection (or, for UDP, the datagram's own remote). */
  of(event: SessionEvent): Ends {
    const known = this.ends.get(keyOf(event)) ?? {}
    const remote = 'remote' in event && event.remote !== undefined ? event.remote : known.remote
    return { local: known.local, remote }
  }
}
