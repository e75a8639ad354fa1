import type { FramingMode, LengthField } from '../../../../electron/shared/framing'
import { Limits } from '../../../../electron/shared/limits'
import type { RelayFaultsInput } from '../../../../electron/shared/relay'
import { translate } from '../../i18n'
import { parseInteger } from '../../lib/parse'

export type AddressFamily = 'auto' | 'ipv4' | 'ipv6'
export type UdpType = 'auto' | 'udp4' | 'udp6'
export type TriState = 'default' | 'on' | 'off'

// Defaults: a client talks to this machine; servers and UDP sockets bind to loopback only, so nothing is
// exposed to the network unless the user types another bind address (0.0.0.0, ::).
const DEFAULT_HOST = '127.0.0.1'

/** Every field of the form as a fresh form shows it (strings as typed; empty = not given). */
export function defaultFields() {
  return {
    // TCP client
    clientHost: DEFAULT_HOST,
    clientPort: '',
    clientLocalAddress: '',
    clientLocalPort: '',
    family: 'auto' as AddressFamily,
    connectTimeoutMs: String(Limits.defaultConnectTimeoutMs),
    noDelay: true,
    keepAlive: false,
    keepAliveInitialDelayMs: '0',
    /** TLS client: off by default; verification on by default once TLS is on. */
    clientTls: false,
    tlsVerify: true,
    tlsServername: '',
    tlsAlpn: '',
    tlsCaFile: '',
    tlsClientCert: '',
    tlsClientKey: '',
    /** TCP client and server: keep sending after the peer's FIN. */
    halfOpen: false,
    // TCP server
    serverHost: DEFAULT_HOST,
    serverPort: '',
    backlog: '511',
    maxConnections: String(Limits.defaultMaxClientsPerServer),
    ipv6Only: false,
    exclusive: false,
    /** TLS server: both files empty means a generated self-signed pair. */
    serverTls: false,
    tlsCertFile: '',
    tlsKeyFile: '',
    tlsRequestCert: false,
    // UDP
    udpHost: DEFAULT_HOST,
    udpPort: '',
    udpRemoteHost: '',
    udpRemotePort: '',
    /** Connected UDP: only the default destination is heard. */
    udpConnect: false,
    udpType: 'auto' as UdpType,
    reuseAddr: false,
    broadcast: false,
    ttl: '',
    multicastTtl: '',
    /** SO_RCVBUF in bytes; empty: the system's default. */
    recvBufferSize: '',
    multicastLoopback: 'default' as TriState,
    /** "239.1.2.3, 239.1.2.4@192.168.1.10": group, optionally @ the interface address. */
    multicastGroups: '',
    // TCP and UDP relay
    relayHost: DEFAULT_HOST,
    relayPort: '',
    upstreamHost: DEFAULT_HOST,
    upstreamPort: '',
    relayIdleTimeoutMs: '60000',
    /** Not shown: a profile's saved faults, kept when the form is saved again (the session's Faults region changes them live). */
    relayFaults: undefined as RelayFaultsInput | undefined,
    // Framing (every kind; UDP without the idle gap)
    framingMode: 'none' as FramingMode,
    /** With the payload codec's text escapes. */
    delimiter: '\\n',
    keepDelimiter: false,
    frameLength: '',
    lengthField: 'u16be' as LengthField,
    lengthOffset: '0',
    lengthAdjust: '0',
    idleGapMs: '50',
    /** Not shown: a profile's own maximum frame size, kept when the form is saved again (empty: the default). */
    maxFrameBytes: '',
  }
}

export type FormFields = ReturnType<typeof defaultFields>

/** A field the user must correct; its message is already translated, `field` is the field's label as shown. */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Throws a FieldError; `values.field` (a label as shown) names the field the form marks and focuses. */
export function fieldError(key: string, values: Record<string, unknown> = {}): never {
  throw new FieldError(translate(key, values), typeof values.field === 'string' ? values.field : undefined)
}

export const label = (key: string): string => translate(key)

export function integer(text: string, labelKey: string, min: number, max: number): number {
  const value = parseInteger(text, min, max)
  if (value === undefined) fieldError('validation.integer', { field: label(labelKey), min, max })
  return value
}

export function optionalInteger(
  text: string,
  labelKey: string,
  min: number,
  max: number,
): number | undefined {
  return text.trim() === '' ? undefined : integer(text, labelKey, min, max)
}

export function requiredHost(text: string, labelKey: string): string {
  if (text.trim() === '') fieldError('validation.required', { field: label(labelKey) })
  return text.trim()
}

export const optionalText = (text: string): string | undefined =>
  text.trim() === '' ? undefined : text.trim()

/** A number as a field shows it; empty when not given. */
export const fieldText = (value: number | undefined): string => (value === undefined ? '' : String(value))
