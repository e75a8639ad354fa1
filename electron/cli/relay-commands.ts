import { parseArgs } from 'node:util'
import type { OutgoingMessage } from '../shared'
import type { DirectionFaults, RelayDirection } from '../shared/relay'
import { usageError } from './cli-errors'
import { faultsOf } from './arguments'
import { FAULT_OPTIONS } from './option-tables'

// `relay --control`: one command per line on stdin, applied to the running relay (usage.ts lists them). A line
// that is not a command is refused with its reason and changes nothing; the relay goes on.

export type RelayCommand =
  | {
      action: 'inject'
      connectionId: string | undefined
      direction: RelayDirection
      message: OutgoingMessage
    }
  | { action: 'stall' | 'unstall'; directions: RelayDirection[] }
  | { action: 'pause' | 'resume' }
  | { action: 'reset'; connectionId: string | undefined }
  /** The faults the relay's options set (--delay, --reset, …), both directions; those not named go off. */
  | { action: 'faults'; faults: Partial<DirectionFaults> }

const DIRECTIONS: Readonly<Record<string, RelayDirection[]>> = {
  upstream: ['to-upstream'],
  'to-upstream': ['to-upstream'],
  client: ['to-client'],
  'to-client': ['to-client'],
  both: ['to-upstream', 'to-client'],
}

/** A pair's id as the relay names it (c1, c2, …): what tells `inject c2 client …` from `inject client …`. */
const PAIR = /^c\d{1,9}$/

function directionsOf(word: string | undefined, line: string): RelayDirection[] {
  const directions = word === undefined ? undefined : DIRECTIONS[word]
  if (directions === undefined) throw usageError(`"${line}": say upstream, client or both`)
  return directions
}

/** MESSAGE as --reply's REPLY: text with escapes, or `hex:` and hex bytes; macros are expanded. */
function messageOf(text: string, line: string): OutgoingMessage {
  if (text === '') throw usageError(`"${line}": inject needs a message after the direction`)
  const hex = text.startsWith('hex:')
  return {
    payload: hex ? text.slice('hex:'.length) : text,
    encoding: hex ? 'hex' : 'text',
    lineEnding: 'none',
    expandMacros: true,
  }
}

function injectOf(rest: string, line: string): RelayCommand {
  const [first = '', ...others] = rest.split(' ')
  const connectionId = PAIR.test(first) ? first : undefined
  const [directionWord, ...words] = connectionId === undefined ? [first, ...others] : others
  const [direction] = directionsOf(directionWord, line)
  if (direction === undefined || directionWord === 'both') {
    throw usageError(`"${line}": inject goes one way: upstream or client`)
  }
  return { action: 'inject', connectionId, direction, message: messageOf(words.join(' '), line) }
}

function faultsLine(rest: string, line: string): RelayCommand {
  const args = rest === '' ? [] : rest.split(/\s+/)
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(Object.keys(FAULT_OPTIONS).map((name) => [name, { type: 'string' }])),
      strict: true,
    }).values
  } catch (thrown) {
    throw usageError(`"${line}": ${thrown instanceof Error ? thrown.message : String(thrown)}`)
  }
  return { action: 'faults', faults: faultsOf(values) }
}

/** One line of stdin as a command; throws a usage CliError naming what is wrong. */
export function parseRelayCommand(line: string): RelayCommand {
  const trimmed = line.trim()
  const space = trimmed.indexOf(' ')
  const verb = space === -1 ? trimmed : trimmed.slice(0, space)
  const rest = space === -1 ? '' : trimmed.slice(space + 1).trimStart()
  switch (verb) {
    case 'inject':
      return injectOf(rest, trimmed)
    case 'stall':
    case 'unstall':
      return { action: verb, directions: directionsOf(rest || 'both', trimmed) }
    case 'pause':
    case 'resume':
      if (rest !== '') throw usageError(`"${trimmed}": ${verb} takes nothing more`)
      return { action: verb }
    case 'reset':
      if (rest !== '' && !PAIR.test(rest))
        throw usageError(`"${trimmed}": reset takes a pair id (c1) or nothing`)
      return { action: 'reset', connectionId: rest === '' ? undefined : rest }
    case 'faults':
      return faultsLine(rest, trimmed)
    default:
      throw usageError(
        `"${trimmed}" is not a relay command: inject, stall, unstall, pause, resume, reset or faults`,
      )
  }
}
