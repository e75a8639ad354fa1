import { ANY_ADDRESS, type SessionKindDescriptor } from './kind-descriptor'

export const tcpRelayKind: SessionKindDescriptor<'tcp-relay'> = {
  kind: 'tcp-relay',
  title: 'TCP relay',
  labelKey: 'mode.tcp-relay',
  protocol: 'tcp',
  capabilities: {
    sendTarget: 'connection',
    acceptsConnections: true,
    connectionOriented: true,
    hasRemote: false,
    halfClose: false,
    stopListening: false,
    multicast: false,
    relays: true,
    generator: false,
    abortiveClose: true,
    reopen: 'listen-again',
  },
  namedBy: 'local',
  requestedEndpoint: ({ host, port }) => ({ host: host ?? ANY_ADDRESS, port }),
  destination: ({ upstreamHost, upstreamPort }) => ({ host: upstreamHost, port: upstreamPort }),
  endpointFields: ({ host, port, upstreamHost, upstreamPort }) => [host, port, upstreamHost, upstreamPort],
}
