import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { CodedError, Limits, OwnErrorCode, encodePayload } from '../../shared'
import { substituteVariables, type PayloadSource } from '../../shared/sequences'

// The ONE place a send step's bytes are made: variables first, then the payload codec. Template macros
// (`template: true`) go through the templates module here once it lands; until then they are sent as written.

export interface PayloadContext {
  /** Variables: the sequence's own, regex captures so far, and `counter` (the round of the enclosing repeat). */
  variables: Readonly<Record<string, string>>
  /** The folder of the sequence file: `send_file` paths are relative to it. */
  baseDir: string
}

async function fileBytes(path: string, baseDir: string): Promise<Uint8Array> {
  const full = isAbsolute(path) ? path : resolve(baseDir, path)
  const size = (await stat(full).catch(() => undefined))?.size
  if (size === undefined) throw new CodedError(OwnErrorCode.badPayload, `send_file: cannot read ${full}`)
  if (size > Limits.maxPayloadBytes)
    throw new CodedError(
      OwnErrorCode.badPayload,
      `send_file: ${full} is larger than ${Limits.maxPayloadBytes} bytes`,
    )
  return new Uint8Array(await readFile(full))
}

/**
 * The bytes a send step stands for in this round; a coded error (ERR_PAYLOAD) when its text does not encode.
 * Only a file needs to wait for the disk: the rest answers at once (a send loop runs this a thousand times).
 */
export function buildStepPayload(
  payload: PayloadSource,
  context: PayloadContext,
): Uint8Array | Promise<Uint8Array> {
  const source = substituteVariables(payload.source, context.variables)
  if (payload.encoding === 'file') return fileBytes(source, context.baseDir)
  const encoded = encodePayload(source, payload.encoding)
  if (!encoded.ok)
    throw new CodedError(OwnErrorCode.badPayload, `${encoded.error.message} (column ${encoded.error.column})`)
  return encoded.bytes
}
