import { readFile, stat } from 'node:fs/promises'
import {
  Limits,
  compileTemplate,
  encodePayload,
  formatBase64,
  type EncodeResult,
  type OutgoingMessage,
} from '../shared'
import { ProfileLimits, type SavedMessage } from '../shared/profiles'
import type { Behaviour, PayloadSource } from './command-line'
import { usageError } from './cli-errors'

// Every --send* turned into bytes before anything is opened: a typo in the third payload must not leave the
// first two sent.

const OPTION_OF: Readonly<Record<PayloadSource['from'], string>> = {
  text: '--send',
  hex: '--send-hex',
  file: '--send-file',
  message: '--send-message',
}

function bytesOf(result: EncodeResult, source: PayloadSource): Uint8Array {
  if (result.ok) return result.bytes
  throw usageError(`${OPTION_OF[source.from]} "${source.value}": ${result.error.message}.`)
}

async function readPayloadFile(path: string): Promise<Uint8Array> {
  const unreadable = (thrown: unknown): never => {
    const code = (thrown as { code?: unknown } | null)?.code
    throw usageError(
      `--send-file ${path}: cannot be read (${typeof code === 'string' ? code : String(thrown)}).`,
    )
  }
  const { size } = await stat(path).catch(unreadable)
  if (size > Limits.maxPayloadBytes) {
    throw usageError(`--send-file ${path}: ${size} bytes is more than ${Limits.maxPayloadBytes} bytes.`)
  }
  return new Uint8Array(await readFile(path).catch(unreadable))
}

function savedMessage(name: string, messages: readonly SavedMessage[]): SavedMessage {
  const message = messages.find((candidate) => candidate.name === name)
  if (message !== undefined) return message
  const known =
    messages.length === 0 ? 'it has none' : `it has ${messages.map((m) => `"${m.name}"`).join(', ')}`
  throw usageError(`--send-message "${name}": the profile has no message of that name (${known}).`)
}

/** The bytes of each source, in order; `messages` are the profile's saved ones (run only). */
export async function encodePayloads(
  sources: readonly PayloadSource[],
  messages: readonly SavedMessage[] = [],
): Promise<Uint8Array[]> {
  const payloads: Uint8Array[] = []
  for (const source of sources) {
    switch (source.from) {
      case 'text':
      case 'hex':
        payloads.push(bytesOf(encodePayload(source.value, source.from), source))
        break
      case 'file':
        payloads.push(await readPayloadFile(source.value))
        break
      case 'message': {
        const { payload, encoding, lineEnding } = savedMessage(source.value, messages)
        payloads.push(bytesOf(encodePayload(payload, encoding, lineEnding), source))
        break
      }
    }
  }
  return payloads
}

/** A file as a message the engine takes: its bytes in base64, never expanded. */
async function fileMessage(path: string): Promise<OutgoingMessage> {
  const payload = formatBase64(await readPayloadFile(path))
  if (payload.length > ProfileLimits.maxPayloadChars) {
    const most = Math.floor((ProfileLimits.maxPayloadChars / 4) * 3)
    throw usageError(
      `--send-file ${path}: with --template or --repeat a file may hold at most ${most} bytes.`,
    )
  }
  return { payload, encoding: 'base64', lineEnding: 'none', expandMacros: false }
}

async function messageOf(
  source: PayloadSource,
  messages: readonly SavedMessage[],
  template: boolean,
): Promise<OutgoingMessage> {
  switch (source.from) {
    case 'text':
    case 'hex':
      return { payload: source.value, encoding: source.from, lineEnding: 'none', expandMacros: template }
    case 'file':
      return fileMessage(source.value)
    case 'message': {
      const { payload, encoding, lineEnding, expandMacros } = savedMessage(source.value, messages)
      return { payload, encoding, lineEnding, expandMacros: template || expandMacros === true }
    }
  }
}

/**
 * With --template, --repeat or a saved message that expands macros: each source as a message the engine encodes
 * (and expands, with the session's counter) at each send. Each is checked here first, so a bad macro is a usage
 * error naming its position before anything is opened. Undefined when plain bytes will do.
 */
export async function engineMessages(
  sources: readonly PayloadSource[],
  behaviour: Pick<Behaviour, 'template' | 'repeat'>,
  messages: readonly SavedMessage[] = [],
): Promise<OutgoingMessage[] | undefined> {
  const expandsSaved = sources.some(
    (source) => source.from === 'message' && savedMessage(source.value, messages).expandMacros === true,
  )
  if (!behaviour.template && behaviour.repeat === undefined && !expandsSaved) return undefined
  const planned: OutgoingMessage[] = []
  for (const source of sources) {
    const message = await messageOf(source, messages, behaviour.template)
    const checked = message.expandMacros
      ? compileTemplate(message.payload, message.encoding, message.lineEnding)
      : encodePayload(message.payload, message.encoding, message.lineEnding)
    if (!checked.ok)
      throw usageError(`${OPTION_OF[source.from]} "${source.value}": ${checked.error.message}.`)
    planned.push(message)
  }
  return planned
}

/** --repeat resends to the one peer of a client; a server greets each client, and repeats to none for now. */
export function refuseRepeatForServer(behaviour: Pick<Behaviour, 'repeat'>): void {
  if (behaviour.repeat === undefined) return
  throw usageError(
    '--repeat applies to clients (connect, or run of a client profile); a server greets each client once.',
  )
}
