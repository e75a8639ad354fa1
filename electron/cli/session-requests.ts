import { Limits, type OpenSessionRequest } from '../shared'
import { usageError } from './cli-errors'
import type { AddressFamily, Behaviour, ConnectLine, ListenLine, RelayLine, TlsFlags } from './command-line'

const udpType = (family: AddressFamily): 'udp4' | 'udp6' | undefined =>
  family === 'auto' ? undefined : family === 'ipv6' ? 'udp6' : 'udp4'

/** A connect that has not completed by --timeout has failed; the engine's connect timeout says so (ETIMEDOUT). */
const connectTimeout = (timeoutMs: number | undefined): number | undefined =>
  timeoutMs === undefined ? undefined : Math.min(Math.max(timeoutMs, 1), Limits.maxConnectTimeoutMs)

/** The --framing option as a request field. */
const framingOf = ({ behaviour }: ConnectLine | ListenLine | RelayLine) =>
  behaviour.framing === undefined ? {} : { framing: behaviour.framing }

/** --reply and --echo as the request's auto-reply (the engine answers; the CLI only shows the sends). */
export const autoReplyOf = ({ replies, echo }: Behaviour) =>
  replies.length === 0 && !echo ? {} : { autoReply: { rules: replies, echo } }

/** UDP frames each datagram on its own: an idle gap means nothing there. */
function datagramFramingOf(line: ConnectLine | ListenLine | RelayLine) {
  const { framing } = line.behaviour
  if (framing === undefined) return {}
  if (framing.mode === 'idle')
    throw usageError('--framing idle does not apply to UDP: each datagram is a message')
  return { framing }
}

/** --tls on connect: verification on unless --insecure (--chain-only: not the name); --cert/--key present a client certificate. */
/** --pfx with its --passphrase-file, --min-tls and --max-tls: left out when not given. */
function versionsAndBundle({ pfx, passphraseFile, minVersion, maxVersion }: TlsFlags) {
  return {
    ...(pfx === undefined ? {} : { pfxFile: pfx }),
    ...(passphraseFile === undefined ? {} : { passphraseFile }),
    ...(minVersion === undefined ? {} : { minVersion }),
    ...(maxVersion === undefined ? {} : { maxVersion }),
  }
}

/** The client's TLS options from the command line (connect, generate); empty without --tls. */
export function clientTls(tls: TlsFlags | undefined) {
  if (tls === undefined) return {}
  return {
    tls: {
      verify: tls.insecure ? ('off' as const) : tls.chainOnly ? ('chain' as const) : ('full' as const),
      servername: tls.servername,
      alpn: tls.alpn,
      caFiles: tls.ca,
      certFile: tls.cert,
      keyFile: tls.key,
      ...versionsAndBundle(tls),
    },
  }
}

/** --tls on listen: --cert/--key or a generated pair; --request-cert requires a client certificate. */
function serverTls(tls: TlsFlags | undefined) {
  if (tls === undefined) return {}
  return {
    tls: {
      certFile: tls.cert,
      keyFile: tls.key,
      ...versionsAndBundle(tls),
      caFiles: tls.ca,
      alpn: tls.alpn,
      requestCert: tls.requestCert
        ? tls.insecure
          ? ('optional' as const)
          : ('required' as const)
        : ('off' as const),
    },
  }
}

/** `connect` as the open-session request the app's form would make; the handler's schema judges it. */
export function connectRequest(line: ConnectLine): OpenSessionRequest {
  if (line.udp) {
    return {
      kind: 'udp',
      type: udpType(line.family),
      host: line.bind,
      port: line.localPort ?? 0,
      remoteHost: line.host,
      remotePort: line.port,
      // Like ncat -u: only the peer we talk to is heard, and its "port unreachable" is an error.
      connectToRemote: true,
      ...datagramFramingOf(line),
      ...autoReplyOf(line.behaviour),
    }
  }
  return {
    kind: 'tcp-client',
    host: line.host,
    port: line.port,
    family: line.family,
    localAddress: line.bind,
    localPort: line.localPort,
    connectTimeoutMs: connectTimeout(line.behaviour.timeoutMs),
    ...framingOf(line),
    ...autoReplyOf(line.behaviour),
    ...clientTls(line.tls),
  }
}

/** `listen` as the open-session request of a TCP server or a bound UDP socket. */
export function listenRequest(line: ListenLine): OpenSessionRequest {
  if (line.udp) {
    return {
      kind: 'udp',
      type: udpType(line.family),
      host: line.host,
      port: line.port,
      ...datagramFramingOf(line),
      ...autoReplyOf(line.behaviour),
    }
  }
  return {
    kind: 'tcp-server',
    host: line.host,
    port: line.port,
    ...framingOf(line),
    ...autoReplyOf(line.behaviour),
    ...serverTls(line.tls),
  }
}

/** `relay` as the open-session request of a TCP or UDP relay; the fault options apply to both directions. */
export function relayRequest(line: RelayLine): OpenSessionRequest {
  const common = {
    host: line.host,
    port: line.port,
    upstreamHost: line.upstreamHost,
    upstreamPort: line.upstreamPort,
    faults: { toUpstream: line.faults, toClient: line.faults },
  }
  const answers = autoReplyOf(line.behaviour)
  if (line.udp) return { kind: 'udp-relay', ...common, ...datagramFramingOf(line), ...answers }
  return { kind: 'tcp-relay', ...common, ...framingOf(line), ...answers }
}
