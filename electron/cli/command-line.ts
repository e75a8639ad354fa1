import type { TlsVersion } from '../shared/tls/tls-schema'
import type { AutoReplyRule } from '../shared/auto-reply'
import type { Framing } from '../shared/framing'
import type { DirectionFaults } from '../shared/relay'

// What a command line means, once parsed: one typed value per command.

export const COMMANDS = ['connect', 'listen', 'relay', 'run', 'pcap', 'test', 'generate', 'cert'] as const
export type CommandName = (typeof COMMANDS)[number]

/** Silence after everything is sent that ends `connect` when --wait is not given. */
export const DEFAULT_WAIT_MS = 500

/** `generate` without --count or --duration runs this long, as iperf3 does. */
export const DEFAULT_GENERATE_MS = 10_000

export interface OutputMode {
  json: boolean
  hex: boolean
  quiet: boolean
}

/** One --send, --send-hex, --send-file or --send-message, in command-line order. */
export interface PayloadSource {
  from: 'text' | 'hex' | 'file' | 'message'
  value: string
}

export type AddressFamily = 'auto' | 'ipv4' | 'ipv6'

/** --repeat MS --count N: the engine resends the one payload every MS ms, N times (0: until the run ends). */
export interface RepeatPlan {
  everyMs: number
  times: number
}

/** How a session is driven once open: what to send, when to end. */
export interface Behaviour {
  payloads: PayloadSource[]
  /** --template: `{{…}}` macros in --send / --send-hex / --send-message are expanded by the engine at each send. */
  template: boolean
  repeat: RepeatPlan | undefined
  waitMs: number
  timeoutMs: number | undefined
  keepOpen: boolean
  halfClose: boolean
  /** --echo: the engine answers every message no --reply rule answered with itself. */
  echo: boolean
  /** --reply MATCH=>REPLY, in order: the engine's auto-reply rules (the first that matches answers). */
  replies: AutoReplyRule[]
  once: boolean
  record: string | undefined
  /** connect: after the --send payloads, send what arrives on stdin (each chunk read is one write / datagram). */
  stdin: boolean
  /** relay --control: stdin's lines are commands for the running relay (inject, stall, reset, …). */
  control: boolean
  /** --framing SPEC (connect, listen): cut what arrives into frames; undefined: chunks as they come. */
  framing: Framing | undefined
}

/**
 * --tls and the options that go with it (connect, listen, generate). File paths only: the engine reads the files, so no key
 * material passes through the command line's values.
 */
export interface TlsFlags {
  /** --insecure: do not refuse an unverified peer (what would have failed is still reported). */
  insecure: boolean
  /** connect --chain-only: verify the chain, not the name (a certificate for another host is let in). */
  chainOnly: boolean
  servername: string | undefined
  alpn: string[]
  ca: string[]
  cert: string | undefined
  key: string | undefined
  /** --pfx: a PKCS#12 bundle instead of --cert/--key; its passphrase is read from --passphrase-file. */
  pfx: string | undefined
  passphraseFile: string | undefined
  /** --min-tls / --max-tls: the protocol versions allowed. */
  minVersion: TlsVersion | undefined
  maxVersion: TlsVersion | undefined
  /** listen --request-cert: ask each client for a certificate (it must verify against --ca when given). */
  requestCert: boolean
}

/** What every session command has: how to show things, how to behave. */
export interface Common {
  output: OutputMode
  behaviour: Behaviour
}

export interface ConnectLine extends Common {
  command: 'connect'
  host: string
  port: number
  udp: boolean
  family: AddressFamily
  bind: string | undefined
  localPort: number | undefined
  /** --tls: TLS over the connection. */
  tls: TlsFlags | undefined
}

export interface ListenLine extends Common {
  command: 'listen'
  host: string
  port: number
  udp: boolean
  family: AddressFamily
  /** --tls: TLS on every accepted connection. */
  tls: TlsFlags | undefined
}

/** `relay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT`: a TCP (or UDP) relay with faults in both directions. */
export interface RelayLine extends Common {
  command: 'relay'
  /** Bind address: --bind, else 127.0.0.1 (::1 with -6). */
  host: string
  port: number
  upstreamHost: string
  upstreamPort: number
  udp: boolean
  /** The fault options given (both directions); the rest stay off. */
  faults: Partial<DirectionFaults>
}

export interface RunLine extends Common {
  command: 'run'
  profile: string
  dataDir: string
}

/** `pcap CAPTURE OUT`: converts a capture file; opens no socket. */
export interface PcapLine {
  command: 'pcap'
  capture: string
  out: string
  json: boolean
}

/** `test FILE…`: runs sequence files; reports as text, --json lines, and --junit XML. */
export interface TestLine {
  command: 'test'
  files: string[]
  json: boolean
  quiet: boolean
  junit: string | undefined
  /** One JUnit test case per step (the contract's default) or per sequence. */
  junitCases: 'step' | 'sequence'
  /** Profiles for `profile:` targets. */
  dataDir: string | undefined
}

/** `generate HOST PORT`: the traffic generator on a UDP socket (default) or a TCP client (with --tls, TLS). */
export interface GenerateLine {
  command: 'generate'
  host: string
  port: number
  tcp: boolean
  /** --tls (implies --tcp): the connection's TLS options, as connect takes them. */
  tls: TlsFlags | undefined
  family: AddressFamily
  /** Messages per second (--rate) or bits per second (--bitrate); undefined: as fast as possible. */
  rate: { perSecond: number; unit: 'messages' | 'bits' } | undefined
  size: number | undefined
  count: number | undefined
  durationMs: number | undefined
  measure: boolean
  json: boolean
}

/** `cert --out DIR [--name HOST]`: writes a self-signed certificate and key; opens no socket. */
export interface CertLine {
  command: 'cert'
  out: string
  name: string
  json: boolean
}

export type CommandLine =
  | { command: 'help'; topic: CommandName | undefined }
  | { command: 'version' }
  | ConnectLine
  | ListenLine
  | RelayLine
  | RunLine
  | PcapLine
  | TestLine
  | GenerateLine
  | CertLine
