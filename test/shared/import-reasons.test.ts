import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
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
import { REFUSED_PROFILES_DIR, refusalCases } from './import-refusal-cases'

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
    // A Packet Sender packet's name and address meet the same schemas as our profiles.
    expect(reasonsOf('[{"name":"A\\u0007","toip":"10.0.0.1","port":"7","tcporudp":"TCP"}]')).toEqual([
      { code: ImportReasonCode.nameControlChars, params: { field: 'name' } },
    ])
    expect(reasonsOf('[{"name":"A","toip":"my host","port":"7","tcporudp":"TCP"}]')).toEqual([
      { code: ImportReasonCode.hostChars, params: { field: 'host' } },
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
  })

  it('codes every kind of refusal a profile file can meet, with the English sentence the CLI prints', () => {
    for (const { file, reason, english } of refusalCases) {
      const [first, ...others] = reasonsOf(readFileSync(join(REFUSED_PROFILES_DIR, `${file}.json`), 'utf8'))
      expect(others, file).toEqual([])
      expect(first, file).toEqual(reason)
      expect(englishReason(first!), file).toBe(english)
    }
  })

  it('has an expected reason for every refused profile file, and a file for every expected reason', () => {
    const files = readdirSync(REFUSED_PROFILES_DIR).map((name) => basename(name, '.json'))
    expect(files.sort()).toEqual(refusalCases.map(({ file }) => file).sort())
  })

  it('codes the refusals our profiles cannot give today but a schema change could', () => {
    const reason = (schema: z.ZodType, value: unknown): ImportReason =>
      zodReason(schema.safeParse(value, { reportInput: true }).error!, 'f')
    expect(reason(z.string().min(3), 'ab')).toEqual({
      code: ImportReasonCode.fieldTooShort,
      params: { field: 'f', min: 3 },
    })
    expect(reason(z.array(z.number()).min(2), [1])).toEqual({
      code: ImportReasonCode.fieldTooFew,
      params: { field: 'f', min: 2 },
    })
    expect(reason(z.array(z.number()).min(1), [])).toEqual({
      code: ImportReasonCode.fieldEmpty,
      params: { field: 'f' },
    })
    expect(reason(z.number().lt(5), 5)).toEqual({
      code: ImportReasonCode.fieldNotBelow,
      params: { field: 'f', max: 5 },
    })
    expect(reason(z.number().gt(0), 0)).toEqual({
      code: ImportReasonCode.fieldNotAbove,
      params: { field: 'f', min: 0 },
    })
    expect(reason(z.number().multipleOf(4), 6)).toEqual({
      code: ImportReasonCode.fieldNotMultiple,
      params: { field: 'f', divisor: 4 },
    })
    expect(reason(z.union([z.number(), z.boolean()]), 'x')).toEqual({
      code: ImportReasonCode.fieldNoShape,
      params: { field: 'f' },
    })
    expect(reason(z.string().regex(/^a+$/), 'b')).toEqual({
      code: ImportReasonCode.fieldBadFormat,
      params: { field: 'f' },
    })
    expect(reason(z.bigint(), 'x')).toEqual({ code: ImportReasonCode.fieldWrongType, params: { field: 'f' } })
    // Something unforeseen (a refinement without our code) keeps zod's sentence for the English only.
    expect(
      reason(
        z.string().refine(() => false, 'Nope'),
        'x',
      ),
    ).toEqual({
      code: ImportReasonCode.fieldInvalid,
      params: { field: 'f', detail: 'Nope' },
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
