import { ANY_ADDRESS, type SessionKindDescriptor } from './kind-descriptor'

export const tcpServerKind: SessionKindDescriptor<'tcp-server'> = {
  kind: 'tcp-server',
  title: 'TCP server',
  labelKey: 'mode.tcp-server',
  tlsLabelKey: 'mode.tls-server',
  protocol: 'tcp',
  capabilities: {
    sendTarget: 'connection',
    acceptsConnections: true,
    connectionOriented: true,
    hasRemote: false,
    halfClose: true,
    stopListening: true,
    multicast: false,
    generator: false,
    relays: false,
    abortiveClose: true,
    reopen: 'listen-again',
  },
  namedBy: 'local',
  requestedEndpoint: ({ host, port }) => ({ host: host ?? ANY_ADDRESS, port }),
  destination: () => undefined,
  endpointFields: ({ host, port }) => [host, port],
}
