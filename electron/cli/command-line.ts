import type { Framing } from '../shared/framing'

// What a command line means, once parsed: one typed value per command.

export const COMMANDS = ['connect', 'listen', 'run', 'pcap', 'cert'] as const
export type CommandName = (typeof COMMANDS)[number]

/** Silence after everything is sent that ends `connect` when --wait is not given. */
export const DEFAULT_WAIT_MS = 500

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

/** How a session is driven once open: what to send, when to end. */
export interface Behaviour {
  payloads: PayloadSource[]
  waitMs: number
  timeoutMs: number | undefined
  keepOpen: boolean
  halfClose: boolean
  echo: boolean
  once: boolean
  record: string | undefined
  /** connect: after the --send payloads, send what arrives on stdin (each chunk read is one write / datagram). */
  stdin: boolean
  /** --framing SPEC (connect, listen): cut what arrives into frames; undefined: chunks as they come. */
  framing: Framing | undefined
}

/**
 * --tls and the options that go with it (connect, listen). File paths only: the engine reads the files, so no key
 * material passes through the command line's values.
 */
export interface TlsFlags {
  /** --insecure: do not refuse an unverified peer (what would have failed is still reported). */
  insecure: boolean
  servername: string | undefined
  alpn: string[]
  ca: string[]
  cert: string | undefined
  key: string | undefined
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
  | RunLine
  | PcapLine
  | CertLine
