import { bareHost } from '../bare-host'
import type { OpenSessionRequest } from '../schemas'
import type {
  HostPort,
  KindRequest,
  SessionCapabilities,
  SessionKind,
  SessionKindDescriptor,
} from './kind-descriptor'
import { tcpClientKind } from './tcp-client'
import { tcpServerKind } from './tcp-server'
import { tcpRelayKind } from './tcp-relay'
import { udpKind } from './udp'
import { udpRelayKind } from './udp-relay'

/** Every session kind, in the order the "Mode" list offers them. Adding a kind starts here. */
export const sessionKinds = {
  'tcp-client': tcpClientKind,
  'tcp-server': tcpServerKind,
  udp: udpKind,
  'tcp-relay': tcpRelayKind,
  'udp-relay': udpRelayKind,
} as const satisfies { [K in SessionKind]: SessionKindDescriptor<K> }

export const sessionKindNames = Object.keys(sessionKinds) as SessionKind[]

/**
 * A descriptor whose functions take any kind's options. The cast is sound because callers pass the options of
 * the kind they looked up; TypeScript cannot correlate the two through a union.
 */
type AnyKindDescriptor = Omit<
  SessionKindDescriptor<SessionKind>,
  'requestedEndpoint' | 'destination' | 'endpointFields'
> & {
  requestedEndpoint(options: OpenSessionRequest): HostPort
  destination(options: OpenSessionRequest): HostPort | undefined
  endpointFields(options: OpenSessionRequest): readonly unknown[]
}

/** The descriptor of the kind `options` (or a kind name) stands for. */
export function describeKind(kind: SessionKind): AnyKindDescriptor {
  return sessionKinds[kind] as unknown as AnyKindDescriptor
}

export const capabilitiesOf = (kind: SessionKind): SessionCapabilities => sessionKinds[kind].capabilities

/** See SessionKindDescriptor.endpointFields: one string key per user-visible endpoint (`[::1]` is `::1`). */
export function endpointKey(options: OpenSessionRequest): string {
  const fields = describeKind(options.kind).endpointFields(options)
  return JSON.stringify([
    options.kind,
    ...fields.map((field) => (typeof field === 'string' ? bareHost(field) : field)),
  ])
}

export type { KindRequest }
