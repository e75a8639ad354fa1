import type { Framing } from '../shared/framing'
import type { DirectionFaults } from '../shared/relay'

// What a command line means, once parsed: one typed value per command.

export const COMMANDS = ['connect', 'listen', 'relay', 'run', 'pcap'] as const
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
}

export interface ListenLine extends Common {
  command: 'listen'
  host: string
  port: number
  udp: boolean
  family: AddressFamily
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

export type CommandLine =
  | { command: 'help'; topic: CommandName | undefined }
  | { command: 'version' }
  | ConnectLine
  | ListenLine
  | RelayLine
  | RunLine
  | PcapLine
