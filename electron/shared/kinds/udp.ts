import { ANY_ADDRESS, type SessionKindDescriptor } from './kind-descriptor'

export const udpKind: SessionKindDescriptor<'udp'> = {
  kind: 'udp',
  title: 'UDP',
  labelKey: 'mode.udp',
  protocol: 'udp',
  capabilities: {
    sendTarget: 'datagram',
    acceptsConnections: false,
    connectionOriented: false,
    hasRemote: true,
    halfClose: false,
    stopListening: false,
    multicast: true,
    generator: true,
    relays: false,
    abortiveClose: false,
    reopen: 'bind-again',
  },
  namedBy: 'local',
  requestedEndpoint: ({ host, port }) => ({ host: host ?? ANY_ADDRESS, port: port ?? 0 }),
  destination: ({ remoteHost, remotePort }) =>
    remoteHost !== undefined && remotePort !== undefined ? { host: remoteHost, port: remotePort } : undefined,
  endpointFields: ({ host, port, remoteHost, remotePort }) => [host, port, remoteHost, remotePort],
}
