import { z } from 'zod'
import { datagramFramingOptionSchema, framingOptionSchema, framingSchema } from './framing/framing-schema'
import { Limits } from './limits'
import { autoReplyOptionSchema, autoReplySchema } from './auto-reply/auto-reply-schema'
import { noRelayFaults, relayDirections, relayFaultsSchema } from './relay/fault-registry'
import { tlsClientSchema, tlsServerSchema } from './tls/tls-schema'

// Runtime schemas for every request the renderer (untrusted) can make. Types are inferred from them.
// Objects are strict: unknown keys (including __proto__ tricks) are refused, not stripped.

/** A port from `lowest`; out of range, the refusal states the range (printed after the field's name). */
function portFrom(lowest: number) {
  const range = `must be a whole number from ${lowest} to 65535`
  return z.number().int(range).min(lowest, range).max(65_535, range)
}
export const portSchema = portFrom(0)
export const remotePortSchema = portFrom(1)
/** The characters a host may have (an import names this pattern's refusal in the user's language). */
export const HOST_PATTERN = /^[A-Za-z0-9._:%\-[\]]+$/
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'Host must not be empty')
  .max(Limits.maxHostLength)
  .regex(HOST_PATTERN, 'Host may only contain letters, digits and . _ : % - [ ]')
export const idSchema = z.string().min(1).max(Limits.maxIdLength)
export const payloadSchema = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength <= Limits.maxPayloadBytes, {
    message: `Payload exceeds ${Limits.maxPayloadBytes} bytes`,
  })

/**
 * After the peer's FIN, keep our side open for sending (true), or answer with our FIN once our queued data is
 * written (false, the default: what Node, socat and most tools do, and what keeps departed clients from piling up).
 */
export const halfOpenSchema = z.boolean().default(false)

export const addressFamilySchema = z.enum(['auto', 'ipv4', 'ipv6'])

export const tcpClientOptionsSchema = z.strictObject({
  kind: z.literal('tcp-client'),
  host: hostSchema,
  port: remotePortSchema,
  localAddress: hostSchema.optional(),
  localPort: portSchema.optional(),
  family: addressFamilySchema.default('auto'),
  connectTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(Limits.maxConnectTimeoutMs)
    .default(Limits.defaultConnectTimeoutMs),
  noDelay: z.boolean().default(true),
  keepAlive: z.boolean().default(false),
  keepAliveInitialDelayMs: z.number().int().min(0).max(86_400_000).default(0),
  halfOpen: halfOpenSchema,
  /** How received bytes are cut into frames; absent means none. */
  framing: framingOptionSchema,
  /** Rules that answer what arrives (frames with framing, else chunks); absent means none. */
  autoReply: autoReplyOptionSchema,
  /** TLS over the connection; absent means plain TCP. */
  tls: tlsClientSchema.optional(),
})

export const tcpServerOptionsSchema = z.strictObject({
  kind: z.literal('tcp-server'),
  /** Bind address; omitted means every interface (Node's dual-stack default). */
  host: hostSchema.optional(),
  port: portSchema,
  backlog: z.number().int().min(1).max(65_535).default(511),
  maxConnections: z.number().int().min(1).max(100_000).default(Limits.defaultMaxClientsPerServer),
  ipv6Only: z.boolean().default(false),
  exclusive: z.boolean().default(false),
  halfOpen: halfOpenSchema,
  /** Applied to each accepted connection on its own. */
  framing: framingOptionSchema,
  /** A reply goes to the connection that sent the match. */
  autoReply: autoReplyOptionSchema,
  /** TLS on every accepted connection; absent means plain TCP. */
  tls: tlsServerSchema.optional(),
})

export const multicastMembershipSchema = z.strictObject({
  group: hostSchema,
  iface: hostSchema.optional(),
})

export const udpOptionsSchema = z.strictObject({
  kind: z.literal('udp'),
  /** udp4 or udp6; omitted means inferred from the bind address (':' → udp6). */
  type: z.enum(['udp4', 'udp6']).optional(),
  host: hostSchema.optional(),
  port: portSchema.default(0),
  reuseAddr: z.boolean().default(false),
  broadcast: z.boolean().default(false),
  ttl: z.number().int().min(1).max(255).optional(),
  multicastTtl: z.number().int().min(0).max(255).optional(),
  multicastLoopback: z.boolean().optional(),
  multicastGroups: z.array(multicastMembershipSchema).max(Limits.maxMulticastGroups).default([]),
  /** Default destination: where a send goes unless it names another. The socket still hears every sender. */
  remoteHost: hostSchema.optional(),
  remotePort: remotePortSchema.optional(),
  /**
   * Connected UDP: connect() to the default destination, so the kernel passes on only that peer's datagrams (and
   * reports its ICMP "port unreachable" as ECONNREFUSED). Off by default: others' datagrams would silently vanish.
   */
  connectToRemote: z.boolean().default(false),
  /**
   * SO_RCVBUF in bytes: room for a flood to wait in the kernel while the engine reads (Linux doubles it and caps it
   * at net.core.rmem_max; the session's info says what it got). Omitted: the system's default.
   */
  recvBufferSize: z.number().int().min(1024).max(Limits.maxRecvBufferSize).optional(),
  /** Applied to each datagram on its own (no idle gap: a datagram is a message already). */
  framing: datagramFramingOptionSchema,
  /** A reply goes to the datagram's sender. */
  autoReply: autoReplyOptionSchema,
})

export const tcpRelayOptionsSchema = z.strictObject({
  kind: z.literal('tcp-relay'),
  /** Bind address of the listener; omitted means every interface. */
  host: hostSchema.optional(),
  port: portSchema,
  upstreamHost: hostSchema,
  upstreamPort: remotePortSchema,
  /** How long the upstream may take to accept before the client is closed with ETIMEDOUT. */
  connectTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(Limits.maxConnectTimeoutMs)
    .default(Limits.defaultConnectTimeoutMs),
  maxConnections: z.number().int().min(1).max(100_000).default(Limits.defaultMaxClientsPerServer),
  faults: relayFaultsSchema.default(noRelayFaults),
  /** Applied to each direction of each pair on its own: frames are shown, bytes are forwarded as they came. */
  framing: framingOptionSchema,
  /**
   * Applied to each direction of each pair on its own: a reply answers the side that sent the match (it goes into
   * the opposite direction, after what waits there); the message itself is forwarded as well.
   */
  autoReply: autoReplyOptionSchema,
})

export const udpRelayOptionsSchema = z.strictObject({
  kind: z.literal('udp-relay'),
  host: hostSchema.optional(),
  port: portSchema.default(0),
  upstreamHost: hostSchema,
  upstreamPort: remotePortSchema,
  /** A client's mapping (and its upstream socket) is forgotten after this much silence both ways. */
  idleTimeoutMs: z.number().int().min(100).max(86_400_000).default(60_000),
  maxClients: z.number().int().min(1).max(10_000).default(1_000),
  faults: relayFaultsSchema.default(noRelayFaults),
  framing: datagramFramingOptionSchema,
  /** A reply goes back to the datagram's sender, the client or the upstream, through its mapping. */
  autoReply: autoReplyOptionSchema,
})

export const openSessionRequestSchema = z.discriminatedUnion('kind', [
  tcpClientOptionsSchema,
  tcpServerOptionsSchema,
  udpOptionsSchema,
  tcpRelayOptionsSchema,
  udpRelayOptionsSchema,
])

export const sessionRefSchema = z.strictObject({ sessionId: idSchema })

export const sendRequestSchema = z.strictObject({
  sessionId: idSchema,
  data: payloadSchema,
  /** TCP server: one connection id, or 'all' (the default). */
  connectionId: idSchema.optional(),
  /** UDP: destination of this datagram; defaults to the session's remote. */
  remoteHost: hostSchema.optional(),
  remotePort: remotePortSchema.optional(),
})

export const disconnectRequestSchema = z.strictObject({
  sessionId: idSchema,
  /** TCP server: the connection to end; TCP client: omitted. */
  connectionId: idSchema.optional(),
  /** graceful: FIN after queued data; reset: RST at once. */
  mode: z.enum(['graceful', 'reset']).default('graceful'),
})

export const halfCloseRequestSchema = z.strictObject({
  sessionId: idSchema,
  connectionId: idSchema.optional(),
})

export const membershipRequestSchema = z.strictObject({
  sessionId: idSchema,
  action: z.enum(['join', 'leave']),
  group: hostSchema,
  iface: hostSchema.optional(),
})

/**
 * A new framing for an open session. UDP refuses the idle gap in the engine, which knows the session's kind (as
 * the open request's UDP schema does).
 */
export const setFramingRequestSchema = z.strictObject({
  sessionId: idSchema,
  framing: framingSchema,
})

/** New auto-reply rules (and echo) for an open session: its counters start again from 0. */
export const setAutoReplyRequestSchema = z.strictObject({
  sessionId: idSchema,
  autoReply: autoReplySchema,
})

/** New faults for a relay, in force for what is forwarded from now on (held data is released by un-pausing). */
export const setFaultsRequestSchema = z.strictObject({
  sessionId: idSchema,
  faults: relayFaultsSchema,
})

/** Puts a message into one direction of one relay pair, after what is already waiting in that direction. */
export const injectRequestSchema = z.strictObject({
  sessionId: idSchema,
  connectionId: idSchema,
  direction: z.enum(relayDirections),
  data: payloadSchema,
})

export const emptyRequestSchema = z.strictObject({}).optional()

export type TcpClientOptions = z.output<typeof tcpClientOptionsSchema>
export type TcpServerOptions = z.output<typeof tcpServerOptionsSchema>
export type UdpOptions = z.output<typeof udpOptionsSchema>
export type TcpRelayOptions = z.output<typeof tcpRelayOptionsSchema>
export type UdpRelayOptions = z.output<typeof udpRelayOptionsSchema>
/** Options after defaults are applied: what the engine works with. */
export type SessionOptions = z.output<typeof openSessionRequestSchema>
/** What a caller may send: defaults may be left out. */
export type OpenSessionRequest = z.input<typeof openSessionRequestSchema>

/** A session's auto-reply rules as given (undefined: none). */
export function autoReplyOf<T extends SessionOptions | OpenSessionRequest>(
  options: T,
): Extract<T, { autoReply?: unknown }>['autoReply'] | undefined {
  return 'autoReply' in options ? (options as Extract<T, { autoReply?: unknown }>).autoReply : undefined
}
export type SessionRef = z.output<typeof sessionRefSchema>
export type SendRequest = z.input<typeof sendRequestSchema>
export type DisconnectRequest = z.input<typeof disconnectRequestSchema>
export type HalfCloseRequest = z.input<typeof halfCloseRequestSchema>
export type MembershipRequest = z.input<typeof membershipRequestSchema>
export type SetFramingRequest = z.input<typeof setFramingRequestSchema>
export type SetAutoReplyRequest = z.input<typeof setAutoReplyRequestSchema>
export type SetFaultsRequest = z.input<typeof setFaultsRequestSchema>
export type InjectRequest = z.input<typeof injectRequestSchema>
/** Requests after parsing (defaults applied): what the engine receives. */
export type SendCommand = z.output<typeof sendRequestSchema>
export type DisconnectCommand = z.output<typeof disconnectRequestSchema>
export type HalfCloseCommand = z.output<typeof halfCloseRequestSchema>
export type MembershipCommand = z.output<typeof membershipRequestSchema>
export type SetFramingCommand = z.output<typeof setFramingRequestSchema>
export type SetAutoReplyCommand = z.output<typeof setAutoReplyRequestSchema>
export type SetFaultsCommand = z.output<typeof setFaultsRequestSchema>
export type InjectCommand = z.output<typeof injectRequestSchema>
