import { readFile, stat } from 'node:fs/promises'
import { Limits, encodePayload, type EncodeResult } from '../shared'
import type { SavedMessage } from '../shared/profiles'
import type { PayloadSource } from './command-line'
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
