import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ImportError,
  ImportReasonCode,
  englishReason,
  parseImportFile,
  zodReason,
  type ImportReason,
} from '../../electron/shared/profiles'

// Import reasons travel as a code and its values, so the renderer can say them in Korean; the English sentence
// stays the message (the CLI's). Each refusal below must carry the code that says why, not only a sentence.

function reasonsOf(text: string): ImportReason[] {
  try {
    parseImportFile(text)
  } catch (error) {
    if (error instanceof ImportError) return error.details.map((issue) => issue.reason)
    throw error
  }
  throw new Error('expected an import refusal')
}

const schema = z.object({
  name: z.string().max(5),
  connection: z.object({ port: z.number().int().min(1).max(65535), kind: z.enum(['tcp', 'udp']) }),
})
const reasonFor = (value: unknown): ImportReason =>
  zodReason(schema.safeParse(value, { reportInput: true }).error!)

describe('import reasons', () => {
  it('codes each refusal of a file with its values', () => {
    expect(reasonsOf('{"schemaVersion": 1, "profiles": [')).toEqual([
      { code: ImportReasonCode.notJson, params: {} },
    ])
    expect(reasonsOf('{"schemaVersion": 99, "profiles": []}')).toEqual([
      { code: ImportReasonCode.newerVersion, params: { version: 99 } },
    ])
    expect(reasonsOf('{"schemaVersion": 2, "profiles": []}')).toEqual([
      { code: ImportReasonCode.noProfiles, params: {} },
    ])
    expect(reasonsOf('[{"name":"A","toip":"10.0.0.1","port":"7","tcporudp":"SCTP"}]')).toEqual([
      { code: ImportReasonCode.protocolUnknown, params: { protocol: 'sctp' } },
    ])
    expect(reasonsOf('[{"name":"A","toip":"10.0.0.1","port":"7","tcporudp":"SSL"}]')).toEqual([
      { code: ImportReasonCode.noPackets, params: {} },
      { code: ImportReasonCode.protocolUnsupported, params: { protocol: 'SSL' } },
    ])
    expect(reasonsOf('[{"name":"A","toip":"10.0.0.1","port":"70000","tcporudp":"TCP"}]')).toEqual([
      { code: ImportReasonCode.fieldTooBig, params: { field: 'port', max: 65535 } },
    ])
  })

  it('names the field and says how a schema refused it: missing, too big or small, too long, not allowed', () => {
    const good = { name: 'ok', connection: { port: 7, kind: 'tcp' } }
    expect(reasonFor({ connection: good.connection })).toEqual({
      code: ImportReasonCode.fieldMissing,
      params: { field: 'name' },
    })
    expect(reasonFor({ ...good, connection: { port: 0, kind: 'tcp' } })).toEqual({
      code: ImportReasonCode.fieldTooSmall,
      params: { field: 'connection.port', min: 1 },
    })
    expect(reasonFor({ ...good, name: 'far too long' })).toEqual({
      code: ImportReasonCode.fieldTooLong,
      params: { field: 'name', max: 5 },
    })
    expect(reasonFor({ ...good, connection: { port: 7, kind: 'sctp' } })).toEqual({
      code: ImportReasonCode.fieldNotAllowed,
      params: { field: 'connection.kind', allowed: 'tcp, udp' },
    })
    // Anything else keeps zod's own sentence as a value.
    expect(reasonFor({ ...good, name: 5 })).toEqual({
      code: ImportReasonCode.fieldInvalid,
      params: { field: 'name', detail: expect.stringMatching(/expected string/) as string },
    })
  })

  it('keeps the English sentences the CLI and the refusal message had', () => {
    expect(
      englishReason({
        code: ImportReasonCode.repeatOutOfRange,
        params: { value: '0.0004', min: 0.001, max: 3600 },
      }),
    ).toBe('repeat: 0.0004 s is not between 0.001 and 3600 seconds')
    expect(englishReason({ code: ImportReasonCode.more, params: { count: 4995 } })).toBe(
      'And 4,995 more problems.',
    )
  })
})
