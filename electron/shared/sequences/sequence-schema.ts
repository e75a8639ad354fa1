import { z } from 'zod'
import { openSessionRequestSchema } from '../schemas'
import { timeoutMsSchema } from './expectation-types'
import { sequenceTlsSchema } from './sequence-tls'
import { stepSchema } from './step-types'

// The shape of a sequence file. Targets other than `session:` are strings read by target.ts; `session:` is the
// app's own open-session request, so every option (framing, TLS) comes with it.

export const TARGET_KEYS = ['connect', 'listen', 'profile', 'peer', 'session'] as const

const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and _')

export const sequenceSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  connect: z.string().optional().describe('tcp://HOST:PORT, tls://HOST:PORT or udp://HOST:PORT'),
  listen: z
    .string()
    .optional()
    .describe('tcp://HOST:PORT, tls://HOST:PORT or udp://HOST:PORT (PORT 0: any free port)'),
  profile: z.string().min(1).optional().describe('a profile saved by the app (test --data-dir DIR)'),
  peer: z.string().min(1).optional().describe('the name of a listening sequence of this file to connect to'),
  session: openSessionRequestSchema.optional().describe("the app's open-session request"),
  framing: z
    .string()
    .optional()
    .describe('as --framing: none, delimiter:\\n, fixed:N, length:u16be, slip, idle:MS'),
  tls: sequenceTlsSchema.optional().describe('TLS options of a tls:// target, or of a peer: of one'),
  timeout: timeoutMsSchema.optional().describe('default wait of every expect and accept, ms (2000)'),
  total_timeout: timeoutMsSchema.optional().describe('the whole sequence must end within this, ms'),
  template: z.boolean().optional().describe('expand template macros in every send'),
  variables: z.record(variableNameSchema, z.union([z.string(), z.number()])).optional(),
  steps: z.array(stepSchema).min(1),
})

export const sequenceListSchema = z.strictObject({ sequences: z.array(sequenceSchema).min(1) })

/** A file holds one sequence, or `sequences:` with a list of them. */
export const sequenceFileSchema = z.union([sequenceListSchema, sequenceSchema])

export type RawSequence = z.output<typeof sequenceSchema>

/** The JSON schema editors use (docs/sequence.schema.json is this, written by a test). */
export function sequenceFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sequenceFileSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' }),
    title: 'Socket Workbench sequence file',
  }
}
