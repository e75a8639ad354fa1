import type { Endpoint, SessionEvent } from '../shared'

export interface Ends {
  local?: Endpoint
  remote?: Endpoint
}

const keyOf = (event: Pick<SessionEvent, 'sessionId' | 'connectionId'>): string =>
  `${event.sessionId}/${event.connectionId ?? ''}`

/**
 * Data events name no local endpoint, TCP ones no remote either; the book remembers each socket's ends from its
 * `bind` / `connected` / `accept` event so every output line can say who sent what. Forgotten on close: bounded by the
 * connections open at once.
 */
export class EndpointBook {
  private readonly ends = new Map<string, Ends>()

  note(event: SessionEvent): void {
    if (event.type === 'bind') {
      // A UDP socket's (or a listener's) own address, for the datagrams that follow.
      this.ends.set(keyOf(event), { ...this.ends.get(keyOf(event)), local: event.local })
    } else if (event.type === 'connected' || event.type === 'accept') {
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
