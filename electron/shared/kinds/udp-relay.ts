import { ANY_ADDRESS, type SessionKindDescriptor } from './kind-descriptor'

export const udpRelayKind: SessionKindDescriptor<'udp-relay'> = {
  kind: 'udp-relay',
  title: 'UDP relay',
  labelKey: 'mode.udp-relay',
  protocol: 'udp',
  capabilities: {
    sendTarget: 'connection',
    acceptsConnections: false,
    connectionOriented: false,
    hasRemote: false,
    halfClose: false,
    stopListening: false,
    multicast: false,
    relays: true,
    generator: false,
    abortiveClose: false,
    reopen: 'bind-again',
  },
  namedBy: 'local',
  requestedEndpoint: ({ host, port }) => ({ host: host ?? ANY_ADDRESS, port: port ?? 0 }),
  destination: ({ upstreamHost, upstreamPort }) => ({ host: upstreamHost, port: upstreamPort }),
  endpointFields: ({ host, port, upstreamHost, upstreamPort }) => [host, port, upstreamHost, upstreamPort],
}
