import type { SessionKindDescriptor } from './kind-descriptor'

export const tcpClientKind: SessionKindDescriptor<'tcp-client'> = {
  kind: 'tcp-client',
  title: 'TCP client',
  labelKey: 'mode.tcp-client',
  tlsLabelKey: 'mode.tls-client',
  protocol: 'tcp',
  capabilities: {
    sendTarget: 'session',
    acceptsConnections: false,
    connectionOriented: true,
    hasRemote: true,
    halfClose: true,
    stopListening: false,
    multicast: false,
    generator: true,
    relays: false,
    abortiveClose: true,
    reopen: 'reconnect',
  },
  namedBy: 'remote',
  requestedEndpoint: ({ host, port }) => ({ host, port }),
  destination: () => undefined,
  endpointFields: ({ host, port, localAddress, localPort }) => [host, port, localAddress, localPort],
}
