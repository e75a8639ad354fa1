import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import {
  CodedError,
  Limits,
  OwnErrorCode,
  encodePayload,
  type EncodeResult,
  type PayloadEncoding,
} from '../../shared'
import { compileTemplate } from '../../shared/templates'
import { substituteVariables, type PayloadSource } from '../../shared/sequences'

// The ONE place a send step's bytes are made: variables first, then the payload codec, or with `template: true`
// the templates module (macros, fields, checksums; `{{counter}}` is the round of the enclosing repeat).

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

function expandTemplate(source: string, encoding: PayloadEncoding, context: PayloadContext): EncodeResult {
  const compiled = compileTemplate(source, encoding)
  if (!compiled.ok) return compiled
  const counter = Number(context.variables.counter ?? 1)
  return {
    ok: true,
    bytes: compiled.template.expand({ counter: Number.isSafeInteger(counter) ? counter : 1 }),
  }
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
  const encoded = payload.template
    ? expandTemplate(source, payload.encoding, context)
    : encodePayload(source, payload.encoding)
  if (!encoded.ok)
    throw new CodedError(OwnErrorCode.badPayload, `${encoded.error.message} (column ${encoded.error.column})`)
  // The bound the send request's schema holds every caller to (the runner hands its sends to the engine itself).
  if (encoded.bytes.byteLength > Limits.maxPayloadBytes)
    throw new CodedError(
      OwnErrorCode.badPayload,
      `the payload is ${encoded.bytes.byteLength} bytes, larger than ${Limits.maxPayloadBytes}`,
    )
  return encoded.bytes
}
