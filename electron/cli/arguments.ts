import type { TlsVersion } from '../shared/tls/tls-schema'
import { parseArgs } from 'node:util'
import { parseReplySpec, type AutoReplyRule } from '../shared/auto-reply'
import { parseFramingSpec, type Framing } from '../shared/framing'
import { usageError } from './cli-errors'
import {
  COMMANDS,
  DEFAULT_WAIT_MS,
  type AddressFamily,
  type Common,
  type CommandLine,
  type CertLine,
  type CommandName,
  type ConnectLine,
  type ListenLine,
  type RelayLine,
  type PayloadSource,
  type GenerateLine,
  type PcapLine,
  type RepeatPlan,
  type RunLine,
  type TestLine,
  type TlsFlags,
} from './command-line'
import { RepeatLimits } from '../shared/profiles/limits'
import { parseBoundedInteger, parseMilliseconds, parsePort, parsePositive, parseWhole } from './numbers'
import { FAULT_OPTIONS, OPTIONS_OF, PAYLOAD_OPTIONS, type Options } from './option-tables'
import { faultDefinitions, type DirectionFaults } from '../shared/relay'

// The command line → one typed CommandLine. Only the shape is judged here (which options, which numbers);
// hosts, port ranges and payload sizes are judged by the same shared schemas the app uses.

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

interface Parsed {
  values: Values
  positionals: string[]
  payloads: PayloadSource[]
}

const isCommand = (word: string): word is CommandName => (COMMANDS as readonly string[]).includes(word)

/** parseArgs with our wording: its own messages name the option, we add where to look. */
function parseCommand(command: CommandName, args: string[]): Parsed {
  let parsed: ReturnType<typeof parseArgs<{ options: Options; allowPositionals: true; tokens: true }>>
  try {
    parsed = parseArgs({
      args,
      options: OPTIONS_OF[command],
      allowPositionals: true,
      strict: true,
      tokens: true,
    })
  } catch (thrown) {
    // Node's advice on positionals that start with '-' does not apply to any of ours: keep its first sentence.
    const message = (thrown instanceof Error ? thrown.message : String(thrown)).replace(
      /\. To specify[\s\S]*$/,
      '',
    )
    throw usageError(`${command}: ${message} (see socket-workbench ${command} --help)`)
  }
  const payloads: PayloadSource[] = []
  for (const token of parsed.tokens) {
    const from = token.kind === 'option' ? PAYLOAD_OPTIONS[token.name] : undefined
    if (from !== undefined && token.kind === 'option') payloads.push({ from, value: token.value ?? '' })
  }
  return { values: parsed.values as Values, positionals: parsed.positionals, payloads }
}

function expectPositionals(
  command: CommandName,
  positionals: string[],
  min: number,
  max: number,
  names: string,
) {
  if (positionals.length < min || positionals.length > max) {
    throw usageError(
      `${command} takes ${names}, got ${positionals.length} argument(s) (see socket-workbench ${command} --help)`,
    )
  }
}

const flag = (values: Values, name: string): boolean => values[name] === true
const text = (values: Values, name: string): string | undefined => {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

function familyOf(values: Values): AddressFamily {
  if (flag(values, 'ipv4') && flag(values, 'ipv6'))
    throw usageError('-4/--ipv4 and -6/--ipv6 exclude each other.')
  if (flag(values, 'ipv6')) return 'ipv6'
  return flag(values, 'ipv4') ? 'ipv4' : 'auto'
}

function framingOf(values: Values): Framing | undefined {
  const spec = text(values, 'framing')
  if (spec === undefined) return undefined
  const parsed = parseFramingSpec(spec)
  if (!parsed.ok) throw usageError(`--framing: ${parsed.error.message}`)
  return parsed.value
}

/** --repeat MS [--count N]: one payload, resent by the engine's repeater. */
function repeatOf(values: Values, payloads: PayloadSource[]): RepeatPlan | undefined {
  const every = text(values, 'repeat')
  const count = text(values, 'count')
  if (every === undefined) {
    if (count !== undefined) throw usageError('--count needs --repeat MS: it counts the repeated sends.')
    return undefined
  }
  if (payloads.length !== 1) {
    throw usageError(
      `--repeat resends one message: give exactly one --send, --send-hex, --send-file or --send-message (got ${payloads.length}).`,
    )
  }
  const { minEveryMs, maxEveryMs, maxTimes } = RepeatLimits
  return {
    everyMs: parseBoundedInteger(every, '--repeat', minEveryMs, maxEveryMs),
    times: count === undefined ? 0 : parseBoundedInteger(count, '--count', 1, maxTimes),
  }
}

function repliesOf(values: Values): AutoReplyRule[] {
  const specs = values.reply
  if (!Array.isArray(specs)) return []
  return specs.map((spec) => {
    const parsed = parseReplySpec(String(spec))
    if (!parsed.ok) throw usageError(`--reply: ${parsed.error.message}`)
    return parsed.value
  })
}

const strings = (values: Values, name: string): string[] => {
  const value = values[name]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** The options that mean something only with --tls. */
const TLS_ONLY = [
  'insecure',
  'chain-only',
  'servername',
  'alpn',
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase-file',
  'min-tls',
  'max-tls',
  'request-cert',
] as const

/** --min-tls / --max-tls: 1.2 or 1.3 (TLSv1.2 and TLSv1.3 are read too). */
function tlsVersionOf(values: Values, name: 'min-tls' | 'max-tls'): TlsVersion | undefined {
  const value = text(values, name)
  if (value === undefined) return undefined
  const version = `TLSv${value.replace(/^TLSv/i, '')}`
  if (version !== 'TLSv1.2' && version !== 'TLSv1.3')
    throw usageError(`--${name}: ${value} is not 1.2 or 1.3`)
  return version
}

function tlsOf(values: Values): TlsFlags | undefined {
  if (!flag(values, 'tls')) {
    const stray = TLS_ONLY.find((name) => values[name] !== undefined)
    if (stray !== undefined) throw usageError(`--${stray} needs --tls`)
    return undefined
  }
  if (flag(values, 'udp')) throw usageError('--tls and --udp exclude each other (TLS runs over TCP)')
  const cert = text(values, 'cert')
  const key = text(values, 'key')
  if ((cert === undefined) !== (key === undefined)) throw usageError('--cert and --key go together')
  if (flag(values, 'insecure') && flag(values, 'chain-only'))
    throw usageError('--insecure and --chain-only exclude each other')
  const pfx = text(values, 'pfx')
  if (pfx !== undefined && cert !== undefined) throw usageError('--pfx and --cert/--key exclude each other')
  const passphraseFile = text(values, 'passphrase-file')
  if (passphraseFile !== undefined && pfx === undefined) throw usageError('--passphrase-file goes with --pfx')
  const alpn = text(values, 'alpn')
  return {
    insecure: flag(values, 'insecure'),
    chainOnly: flag(values, 'chain-only'),
    servername: text(values, 'servername'),
    alpn: alpn === undefined ? [] : alpn.split(',').map((name) => name.trim()),
    ca: strings(values, 'ca'),
    cert,
    key,
    pfx,
    passphraseFile,
    minVersion: tlsVersionOf(values, 'min-tls'),
    maxVersion: tlsVersionOf(values, 'max-tls'),
    requestCert: flag(values, 'request-cert'),
  }
}

function common(values: Values, payloads: PayloadSource[]): Common {
  const wait = text(values, 'wait')
  const timeout = text(values, 'timeout')
  return {
    output: { json: flag(values, 'json'), hex: flag(values, 'hex'), quiet: flag(values, 'quiet') },
    behaviour: {
      payloads,
      template: flag(values, 'template'),
      repeat: repeatOf(values, payloads),
      waitMs: wait === undefined ? DEFAULT_WAIT_MS : parseMilliseconds(wait, '--wait'),
      timeoutMs: timeout === undefined ? undefined : parseMilliseconds(timeout, '--timeout'),
      keepOpen: flag(values, 'keep-open'),
      halfClose: flag(values, 'half-close'),
      echo: flag(values, 'echo'),
      replies: repliesOf(values),
      once: flag(values, 'once'),
      record: text(values, 'record'),
      stdin: flag(values, 'stdin'),
      control: flag(values, 'control'),
      framing: framingOf(values),
    },
  }
}

function connectLine({ values, positionals, payloads }: Parsed): ConnectLine {
  expectPositionals('connect', positionals, 2, 2, 'HOST PORT')
  const localPort = text(values, 'local-port')
  return {
    command: 'connect',
    host: positionals[0]!,
    port: parsePort(positionals[1]!, 'PORT'),
    udp: flag(values, 'udp'),
    family: familyOf(values),
    bind: text(values, 'bind'),
    localPort: localPort === undefined ? undefined : parsePort(localPort, '--local-port'),
    tls: tlsOf(values),
    ...common(values, payloads),
  }
}

function listenLine({ values, positionals, payloads }: Parsed): ListenLine {
  expectPositionals('listen', positionals, 1, 2, '[HOST] PORT')
  const family = familyOf(values)
  const defaultHost = family === 'ipv6' ? '::1' : '127.0.0.1'
  const [host, port] = positionals.length === 2 ? positionals : [defaultHost, positionals[0]]
  return {
    command: 'listen',
    host: host!,
    port: parsePort(port!, 'PORT'),
    udp: flag(values, 'udp'),
    family,
    tls: tlsOf(values),
    ...common(values, payloads),
  }
}

/** The fault options as typed, judged by the fault registry's own schemas (the app's limits). */
export function faultsOf(values: Values): Partial<DirectionFaults> {
  const faults: Partial<Record<keyof DirectionFaults, unknown>> = {}
  for (const [option, name] of Object.entries(FAULT_OPTIONS)) {
    const typed = text(values, option)
    if (typed === undefined) continue
    const parsed = faultDefinitions[name].schema.safeParse(typed.trim() === '' ? Number.NaN : Number(typed))
    if (!parsed.success) {
      throw usageError(`--${option} "${typed}": ${parsed.error.issues[0]?.message ?? 'not a valid value'}`)
    }
    faults[name] = parsed.data
  }
  return faults as Partial<DirectionFaults>
}

function relayLine({ values, positionals, payloads }: Parsed): RelayLine {
  expectPositionals('relay', positionals, 3, 3, 'LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT')
  const family = familyOf(values)
  return {
    command: 'relay',
    host: text(values, 'bind') ?? (family === 'ipv6' ? '::1' : '127.0.0.1'),
    port: parsePort(positionals[0]!, 'LISTEN_PORT'),
    upstreamHost: positionals[1]!,
    upstreamPort: parsePort(positionals[2]!, 'UPSTREAM_PORT'),
    udp: flag(values, 'udp'),
    faults: faultsOf(values),
    ...common(values, payloads),
  }
}

function runLine({ values, positionals, payloads }: Parsed): RunLine {
  expectPositionals('run', positionals, 1, 1, 'PROFILE')
  const dataDir = text(values, 'data-dir')
  if (dataDir === undefined)
    throw usageError('run needs --data-dir DIR: the folder holding the profiles file.')
  return { command: 'run', profile: positionals[0]!, dataDir, ...common(values, payloads) }
}

function pcapLine({ values, positionals }: Parsed): PcapLine {
  expectPositionals('pcap', positionals, 2, 2, 'CAPTURE OUT.pcapng')
  return { command: 'pcap', capture: positionals[0]!, out: positionals[1]!, json: flag(values, 'json') }
}

function testLine({ values, positionals }: Parsed): TestLine {
  expectPositionals('test', positionals, 1, Number.MAX_SAFE_INTEGER, 'FILE…')
  if (flag(values, 'junit-per-step') && flag(values, 'junit-per-sequence'))
    throw usageError('--junit-per-step and --junit-per-sequence exclude each other.')
  return {
    command: 'test',
    files: positionals,
    json: flag(values, 'json'),
    quiet: flag(values, 'quiet'),
    junit: text(values, 'junit'),
    junitCases: flag(values, 'junit-per-sequence') ? 'sequence' : 'step',
    dataDir: text(values, 'data-dir'),
  }
}

function generateLine({ values, positionals }: Parsed): GenerateLine {
  expectPositionals('generate', positionals, 2, 2, 'HOST PORT')
  if (flag(values, 'udp') && flag(values, 'tcp'))
    throw usageError('-u/--udp and -t/--tcp exclude each other.')
  const rate = text(values, 'rate')
  const bitrate = text(values, 'bitrate')
  if (rate !== undefined && bitrate !== undefined)
    throw usageError('--rate and --bitrate exclude each other.')
  const size = text(values, 'size')
  const count = text(values, 'count')
  const duration = text(values, 'duration')
  const tls = tlsOf(values)
  return {
    command: 'generate',
    host: positionals[0]!,
    port: parsePort(positionals[1]!, 'PORT'),
    // TLS runs over TCP: --tls alone is enough.
    tcp: flag(values, 'tcp') || tls !== undefined,
    tls,
    family: familyOf(values),
    rate:
      rate !== undefined
        ? { perSecond: parsePositive(rate, '--rate', true), unit: 'messages' }
        : bitrate !== undefined
          ? { perSecond: parsePositive(bitrate, '--bitrate', true), unit: 'bits' }
          : undefined,
    size: size === undefined ? undefined : parseWhole(size, '--size', 0),
    count: count === undefined ? undefined : parseWhole(count, '--count'),
    durationMs: duration === undefined ? undefined : Math.round(parsePositive(duration, '--duration') * 1000),
    measure: flag(values, 'measure'),
    json: flag(values, 'json'),
  }
}

function certLine({ values, positionals }: Parsed): CertLine {
  expectPositionals('cert', positionals, 0, 0, 'no arguments')
  const out = text(values, 'out')
  if (out === undefined)
    throw usageError('cert needs --out DIR: the folder to write the certificate and key to.')
  return { command: 'cert', out, name: text(values, 'name') ?? 'localhost', json: flag(values, 'json') }
}

const BUILDERS: Readonly<Record<CommandName, (parsed: Parsed) => CommandLine>> = {
  connect: connectLine,
  listen: listenLine,
  relay: relayLine,
  run: runLine,
  pcap: pcapLine,
  test: testLine,
  generate: generateLine,
  cert: certLine,
}

/** The command line as one typed value; throws a usage error (exit 2) naming what is wrong. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv
  if (first === undefined)
    throw usageError(`no command given; commands: ${COMMANDS.join(', ')} (see socket-workbench --help)`)
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && rest[0] !== undefined && isCommand(rest[0]) ? rest[0] : undefined
    return { command: 'help', topic }
  }
  if (first === '--version' || first === '-V') return { command: 'version' }
  if (!isCommand(first)) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`
    throw usageError(`${what}; commands: ${COMMANDS.join(', ')} (see socket-workbench --help)`)
  }
  const parsed = parseCommand(first, rest)
  if (flag(parsed.values, 'help')) return { command: 'help', topic: first }
  return BUILDERS[first](parsed)
}
