import type { SessionKind, SessionOptions } from '../../shared'
import type { EventSink } from './event-sequencer'
import { TcpRelaySession } from './relay/tcp-relay-session'
import { UdpRelaySession } from './relay/udp-relay-session'
import type { SessionBase, SessionSettings } from './session-base'
import { TcpClientSession } from './tcp-client-session'
import { TcpServerSession } from './tcp-server-session'
import { UdpSession } from './udp-session'

type OptionsOf<K extends SessionKind> = Extract<SessionOptions, { kind: K }>
type SessionFactory<K extends SessionKind> = (
  id: string,
  options: OptionsOf<K>,
  sink: EventSink,
  settings: SessionSettings,
) => SessionBase<OptionsOf<K>>

/** The session class of each kind; the compiler refuses a kind without one. */
export const sessionFactories: { [K in SessionKind]: SessionFactory<K> } = {
  'tcp-client': (...args) => new TcpClientSession(...args),
  'tcp-server': (...args) => new TcpServerSession(...args),
  udp: (...args) => new UdpSession(...args),
  'tcp-relay': (...args) => new TcpRelaySession(...args),
  'udp-relay': (...args) => new UdpRelaySession(...args),
}

export function createSession(
  id: string,
  options: SessionOptions,
  sink: EventSink,
  settings: SessionSettings,
): SessionBase<SessionOptions> {
  // Sound: the factory looked up by options.kind receives those same options.
  const create = sessionFactories[options.kind] as unknown as SessionFactory<SessionKind>
  return create(id, options as never, sink, settings) as SessionBase<SessionOptions>
}
