import type { ParseArgsConfig } from 'node:util'
import { faultDefinitions, faultNames } from '../shared/relay'
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
  template: { type: 'boolean' },
  repeat: { type: 'string' },
  count: { type: 'string' },
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
  pfx: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'min-tls': { type: 'string' },
  'max-tls': { type: 'string' },
} satisfies Options

const serverOptions = {
  once: { type: 'boolean' },
} satisfies Options

/** Auto-reply, run by the engine for clients and servers alike. */
const autoReplyOptions = {
  reply: { type: 'string', multiple: true },
  echo: { type: 'boolean' },
} satisfies Options
/** Every fault of the registry that has a CLI option (--delay, --jitter, --drop, --rate-limit). */
export const FAULT_OPTIONS: Readonly<Record<string, (typeof faultNames)[number]>> = Object.fromEntries(
  faultNames.flatMap((name) => {
    const option = faultDefinitions[name].cliOption
    return option === undefined ? [] : [[option.slice(2), name]]
  }),
)

const faultOptions: Options = Object.fromEntries(
  Object.keys(FAULT_OPTIONS).map((option) => [option, { type: 'string' }]),
)

export const OPTIONS_OF: Readonly<Record<CommandName, Options>> = {
  connect: {
    ...outputOptions,
    ...sendOptions,
    ...addressOptions,
    ...clientOptions,
    ...autoReplyOptions,
    ...tlsOptions,
    servername: { type: 'string' },
    'chain-only': { type: 'boolean' },
    bind: { type: 'string' },
    'local-port': { type: 'string' },
  },
  listen: {
    ...outputOptions,
    ...sendOptions,
    ...addressOptions,
    ...serverOptions,
    ...autoReplyOptions,
    ...tlsOptions,
    'request-cert': { type: 'boolean' },
  },
  relay: {
    ...outputOptions,
    ...addressOptions,
    ...faultOptions,
    ...autoReplyOptions,
    timeout: sendOptions.timeout,
    record: sendOptions.record,
    bind: { type: 'string' },
    control: { type: 'boolean' },
  },
  run: {
    ...outputOptions,
    ...sendOptions,
    ...clientOptions,
    ...serverOptions,
    ...autoReplyOptions,
    'data-dir': { type: 'string' },
    'send-message': { type: 'string', multiple: true },
  },
  pcap: { help: outputOptions.help, json: outputOptions.json },
  test: {
    help: outputOptions.help,
    json: outputOptions.json,
    quiet: outputOptions.quiet,
    junit: { type: 'string' },
    'junit-per-step': { type: 'boolean' },
    'junit-per-sequence': { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  generate: {
    help: outputOptions.help,
    json: outputOptions.json,
    udp: addressOptions.udp,
    tcp: { type: 'boolean', short: 't' },
    ipv6: addressOptions.ipv6,
    ipv4: addressOptions.ipv4,
    rate: { type: 'string', short: 'r' },
    bitrate: { type: 'string', short: 'b' },
    size: { type: 'string', short: 's' },
    count: { type: 'string', short: 'n' },
    duration: { type: 'string', short: 'd' },
    measure: { type: 'boolean', short: 'm' },
    ...tlsOptions,
    servername: { type: 'string' },
    'chain-only': { type: 'boolean' },
  },
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
