import { z } from 'zod'
import {
  expectationKinds,
  expectationTypeOf,
  timeoutMsSchema,
  type ExpectationKind,
} from './expectation-types'
import type { ExpectationSpec, PayloadSource, Step } from './sequence-model'

// Every kind of step, in one registry: the YAML key that names it, the keys it takes beside it, and how it
// becomes a Step. The file schema, the JSON schema for editors and the docs test are built from this table;
// the runner's own table (electron/core/sequences/step-runners.ts) must have an entry for every Step kind.

/** What a step's builder knows besides its own value. */
export interface StepContext {
  /** The sequence's `template:` default. */
  template: boolean
  /** Builds the nested steps of a block (repeat) from the value at `key` of this step. */
  nested(key: string): Step[]
}

type Built = Step extends infer S ? (S extends unknown ? Omit<S, 'line' | 'column'> : never) : never

export interface StepType {
  /** The keys of a step of this kind, its own key included (the object is strict: others are refused). */
  shape: z.ZodRawShape
  /** One line for the README table and the JSON schema. */
  description: string
  build(parsed: Record<string, unknown>, context: StepContext): Built
}

const quote = (text: string): string => JSON.stringify(text)
const templateOption = { template: z.boolean().optional() }

function sendStep(key: string, encoding: PayloadSource['encoding'], description: string): StepType {
  return {
    shape: { [key]: z.string(), ...templateOption },
    description,
    build(parsed, { template }) {
      const source = parsed[key] as string
      const useTemplate = (parsed.template as boolean | undefined) ?? template
      return {
        kind: 'send',
        label: `${key} ${quote(source)}`,
        payload: { encoding, source, template: useTemplate },
      }
    },
  }
}

/** The map form of one expectation kind: `{ KIND: VALUE, timeout?: MS, …its own options }`. */
const expectationMap = (kind: ExpectationKind) => {
  const entry = expectationTypeOf(kind)
  return z.strictObject({ [kind]: entry.value, timeout: timeoutMsSchema.optional(), ...entry.options })
}

export const expectValueSchema = z.union([z.string(), ...expectationKinds.map(expectationMap)])

/** `expect: TEXT` is `equals`; a map names its kind by its one kind key. */
function expectationOf(value: unknown): { spec: ExpectationSpec; timeoutMs: number | undefined } {
  if (typeof value === 'string') return { spec: { kind: 'equals', value, options: {} }, timeoutMs: undefined }
  const map = value as Record<string, unknown>
  const kind = expectationKinds.find((candidate) => candidate in map)!
  const { [kind]: kindValue, timeout, ...options } = map
  return { spec: { kind, value: kindValue, options }, timeoutMs: timeout as number | undefined }
}

const flag = z.literal(true)

export const stepTypes: Readonly<Record<string, StepType>> = {
  connect: {
    shape: { connect: flag },
    description: 'open the target (a client connects); done before the first step unless a step says when',
    build: () => ({ kind: 'open', label: 'connect' }),
  },
  listen: {
    shape: { listen: flag },
    description: 'open the target (a server listens); done before the first step unless a step says when',
    build: () => ({ kind: 'open', label: 'listen' }),
  },
  accept: {
    shape: { accept: flag, timeout: timeoutMsSchema.optional() },
    description: 'listen targets: wait for the next client; sends and expects then talk to it',
    build: (parsed) => ({ kind: 'accept', label: 'accept', timeoutMs: parsed.timeout as number | undefined }),
  },
  send: sendStep(
    'send',
    'text',
    'send TEXT (escapes \\n \\r \\t \\\\ \\0 \\xHH; {{name}} variables; macros with template)',
  ),
  send_hex: sendStep('send_hex', 'hex', 'send bytes written as hex'),
  send_base64: sendStep('send_base64', 'base64', 'send bytes written as base64'),
  send_file: sendStep('send_file', 'file', "send a file's bytes (a path relative to the sequence file)"),
  expect: {
    shape: { expect: expectValueSchema, timeout: timeoutMsSchema.optional() },
    description: 'wait for what arrives to meet an expectation (TEXT: equals TEXT)',
    build(parsed) {
      const { spec, timeoutMs } = expectationOf(parsed.expect)
      const label = `expect ${expectationTypeOf(spec.kind).label(spec.value)}`
      return {
        kind: 'expect',
        label,
        expectation: spec,
        timeoutMs: timeoutMs ?? (parsed.timeout as number | undefined),
      }
    },
  },
  wait: {
    shape: { wait: z.number().int().min(0).max(3_600_000) },
    description: 'pause MS milliseconds',
    build: (parsed) => ({
      kind: 'wait',
      label: `wait ${parsed.wait as number} ms`,
      ms: parsed.wait as number,
    }),
  },
  close: {
    shape: { close: flag },
    description: 'close the connection (a server: the accepted client)',
    build: () => ({ kind: 'close', label: 'close' }),
  },
  half_close: {
    shape: { half_close: flag },
    description: 'send FIN and keep receiving (TCP)',
    build: () => ({ kind: 'half_close', label: 'half-close' }),
  },
  repeat: {
    shape: {
      repeat: z.strictObject({
        count: z.number().int().min(1).max(100_000),
        get steps() {
          return z.array(stepSchema).min(1)
        },
      }),
    },
    description: 'run steps COUNT times ({{counter}} is the round, from 1)',
    build(parsed, { nested }) {
      const { count } = parsed.repeat as { count: number }
      return { kind: 'repeat', label: `repeat ${count} times`, count, steps: nested('repeat') }
    },
  },
}

export const stepKeys = Object.keys(stepTypes)

/** One strict object per step kind: what the file's steps are checked with (and the JSON schema lists). */
export const stepSchema: z.ZodType = z.union(
  stepKeys.map((key) => z.strictObject(stepTypes[key]!.shape)) as unknown as [z.ZodType, z.ZodType],
)
