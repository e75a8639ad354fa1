import type { ParseArgsConfig } from 'node:util'
import type { CommandName, PayloadSource } from './command-line'

// The options each command takes, in node:util parseArgs terms. --help lists them (usage.ts); a test checks
// that every one is named there.

export type Options = NonNullable<ParseArgsConfig['options']>

const outputOptions = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  hex: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} satisfies Options

const sendOptions = {
  send: { type: 'string', multiple: true },
  'send-hex': { type: 'string', multiple: true },
  'send-file': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  record: { type: 'string' },
} satisfies Options

const addressOptions = {
  framing: { type: 'string' },
  udp: { type: 'boolean', short: 'u' },
  ipv6: { type: 'boolean', short: '6' },
  ipv4: { type: 'boolean', short: '4' },
} satisfies Options

const clientOptions = {
  stdin: { type: 'boolean' },
  wait: { type: 'string' },
  'keep-open': { type: 'boolean', short: 'k' },
  'half-close': { type: 'boolean' },
} satisfies Options

const tlsOptions = {
  tls: { type: 'boolean' },
  insecure: { type: 'boolean' },
  alpn: { type: 'string' },
  ca: { type: 'string', multiple: true },
  cert: { type: 'string' },
  key: { type: 'string' },
} satisfies Options

const serverOptions = {
  echo: { type: 'boolean' },
  once: { type: 'boolean' },
} satisfies Options

export const OPTIONS_OF: Readonly<Record<CommandName, Options>> = {
  connect: {
    ...outputOptions,
    ...sendOptions,
    ...addressOptions,
    ...clientOptions,
    ...tlsOptions,
    servername: { type: 'string' },
    bind: { type: 'string' },
    'local-port': { type: 'string' },
  },
  listen: {
    ...outputOptions,
    ...sendOptions,
    ...addressOptions,
    ...serverOptions,
    ...tlsOptions,
    'request-cert': { type: 'boolean' },
  },
  run: {
    ...outputOptions,
    ...sendOptions,
    ...clientOptions,
    ...serverOptions,
    'data-dir': { type: 'string' },
    'send-message': { type: 'string', multiple: true },
  },
  pcap: { help: outputOptions.help, json: outputOptions.json },
  cert: {
    help: outputOptions.help,
    json: outputOptions.json,
    out: { type: 'string' },
    name: { type: 'string' },
  },
}

/** The options that carry a payload, and what kind each is. */
export const PAYLOAD_OPTIONS: Readonly<Record<string, PayloadSource['from']>> = {
  send: 'text',
  'send-hex': 'hex',
  'send-file': 'file',
  'send-message': 'message',
}
