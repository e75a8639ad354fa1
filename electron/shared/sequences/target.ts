import { describeKind } from '../kinds/registry'
import type { OpenSessionRequest } from '../schemas'
import type { Role } from './sequence-model'

// `connect: tcp://HOST:PORT` and `listen: udp://[::1]:0`: the contract's short targets, turned into the same
// open-session request the app's form makes. Adding a transport is adding a row to each table. TLS is an option of
// TCP: a sequence's `tls:` map fills in the `tls` these rows start with (electron/shared/sequences/sequence-tls.ts).

type UrlRequest = (host: string, port: number) => OpenSessionRequest

const CONNECT_SCHEMES: Readonly<Record<string, UrlRequest>> = {
  tcp: (host, port) => ({ kind: 'tcp-client', host, port }),
  tls: (host, port) => ({ kind: 'tcp-client', host, port, tls: {} }),
  // Like ncat -u: connected, so only the peer is heard and its "port unreachable" is reported.
  udp: (host, port) => ({ kind: 'udp', port: 0, remoteHost: host, remotePort: port, connectToRemote: true }),
}

const LISTEN_SCHEMES: Readonly<Record<string, UrlRequest>> = {
  tcp: (host, port) => ({ kind: 'tcp-server', host, port }),
  tls: (host, port) => ({ kind: 'tcp-server', host, port, tls: {} }),
  udp: (host, port) => ({ kind: 'udp', host, port }),
}

export const TARGET_SCHEMES = { connect: CONNECT_SCHEMES, listen: LISTEN_SCHEMES } as const

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/[\]]+):(\d{1,5})\/?$/i

/** The request a target URL stands for, or why it is not one (the request's own schema judges host and port). */
export function requestOfUrl(action: keyof typeof TARGET_SCHEMES, url: string): OpenSessionRequest | string {
  const match = URL_SHAPE.exec(url.trim())
  const schemes = TARGET_SCHEMES[action]
  const known = Object.keys(schemes).map((scheme) => `${scheme}://HOST:PORT`)
  if (match === null) return `'${url}' is not a target; write ${known.join(' or ')}`
  const [, scheme = '', host = '', port = ''] = match
  const make = schemes[scheme.toLowerCase()]
  if (make === undefined) return `'${scheme}://' cannot ${action} here; write ${known.join(' or ')}`
  return make(host.startsWith('[') ? host.slice(1, -1) : host, Number(port))
}

/** A client connects (TCP client, UDP with a default destination); a server waits for others. */
export function roleOf(request: OpenSessionRequest): Role {
  const kind = describeKind(request.kind)
  if (kind.capabilities.acceptsConnections) return 'server'
  return kind.destination(request) !== undefined || kind.capabilities.connectionOriented ? 'client' : 'server'
}
