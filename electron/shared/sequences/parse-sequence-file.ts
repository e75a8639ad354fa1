import { LineCounter, parseDocument } from 'yaml'
import { OwnErrorCode } from '../errors'
import type { Framing } from '../framing/framing-schema'
import { parseFramingSpec } from '../framing/framing-spec'
import { openSessionRequestSchema, type OpenSessionRequest } from '../schemas'
import { describeKind } from '../kinds/registry'
import { expectationKinds, expectationTypeOf } from './expectation-types'
import { explain, type PathIssue, type UnionKinds } from './schema-issues'
import {
  DEFAULT_EXPECT_TIMEOUT_MS,
  type Sequence,
  type SequenceFile,
  type Step,
  type Target,
} from './sequence-model'
import { sequenceListSchema, sequenceSchema, TARGET_KEYS, type RawSequence } from './sequence-schema'
import { PositionFinder, type DataPath, type SourcePosition } from './source-position'
import { stepKeys, stepTypes } from './step-types'
import { requestOfUrl, roleOf } from './target'
import { CLIENT_ONLY_TLS_KEYS, clientTlsOf, serverTlsOf } from './sequence-tls'

/** Why a file cannot run: one entry per problem, each naming where it is. */
export interface SequenceFileProblem extends SourcePosition {
  code: typeof OwnErrorCode.invalidSequence
  message: string
}

export type ParsedSequenceFile =
  { ok: true; file: SequenceFile } | { ok: false; problems: SequenceFileProblem[] }

/** Files beyond this are refused before parsing: a test file is a page or two, not a data dump. */
export const MAX_SEQUENCE_FILE_CHARS = 4 * 1024 * 1024

class Problems {
  readonly list: SequenceFileProblem[] = []
  constructor(readonly positions: PositionFinder) {}

  at(position: SourcePosition, message: string): void {
    this.list.push({
      code: OwnErrorCode.invalidSequence,
      message,
      line: position.line,
      column: position.column,
    })
  }

  issue({ path, key, message }: PathIssue): void {
    this.at(key === undefined ? this.positions.valueAt(path) : this.positions.keyAt(path, key), message)
  }
}

const problemOnly = (message: string, line = 1, column = 1): ParsedSequenceFile => ({
  ok: false,
  problems: [{ code: OwnErrorCode.invalidSequence, message, line, column }],
})

/** The target a sequence names, as a request judged by the app's own schema (defaults not yet applied). */
function framingOf(raw: RawSequence, path: DataPath, problems: Problems): Framing | undefined {
  if (raw.framing === undefined) return undefined
  const framing = parseFramingSpec(raw.framing)
  if (framing.ok) return framing.value
  problems.at(problems.positions.valueAt([...path, 'framing']), framing.error.message)
  return undefined
}

/**
 * The `tls:` map joined to a target's request: a tls:// URL's client or server options. A session: target writes
 * them inside its request, a profile keeps its own, a peer's are joined when it runs (checked in checkNames).
 */
function withTls(
  request: OpenSessionRequest,
  key: (typeof TARGET_KEYS)[number],
  raw: RawSequence,
  path: DataPath,
  problems: Problems,
): OpenSessionRequest | undefined {
  const tls = raw.tls
  if (tls === undefined || key === 'peer') return request
  const here = problems.positions.keyAt(path, 'tls')
  const hasTls = 'tls' in request && request.tls !== undefined
  if (key === 'session' || !hasTls) {
    const why =
      key === 'session' ? 'write it inside session: as its tls:' : `it needs a tls:// target, not ${raw[key]}`
    problems.at(here, `tls: ${why}`)
    return undefined
  }
  if (request.kind === 'tcp-client') return { ...request, tls: clientTlsOf(tls) }
  const clientOnly = CLIENT_ONLY_TLS_KEYS.find((name) => tls[name] !== undefined)
  if (clientOnly !== undefined) {
    problems.at(
      problems.positions.keyAt([...path, 'tls'], clientOnly),
      `tls: ${clientOnly} is for a connecting target; a listening one presents cert and key`,
    )
    return undefined
  }
  return { ...request, tls: serverTlsOf(tls) } as OpenSessionRequest
}

function targetOf(
  raw: RawSequence,
  framing: Framing | undefined,
  path: DataPath,
  problems: Problems,
): Target | undefined {
  const given = TARGET_KEYS.filter((key) => raw[key] !== undefined)
  if (given.length !== 1) {
    const message =
      given.length === 0
        ? `a sequence needs one target: ${TARGET_KEYS.join(', ')}`
        : `a sequence has one target, found ${given.join(' and ')}`
    problems.at(
      given.length === 0 ? problems.positions.valueAt(path) : problems.positions.keyAt(path, given[1]!),
      message,
    )
    return undefined
  }
  const key = given[0]!
  if (key === 'profile') {
    if (raw.tls !== undefined)
      problems.at(problems.positions.keyAt(path, 'tls'), 'tls: a profile keeps its own TLS settings')
    return { type: 'profile', name: raw.profile! }
  }
  if (key === 'peer') return { type: 'peer', sequence: raw.peer! }
  let request: OpenSessionRequest | string =
    key === 'session' ? (raw.session as OpenSessionRequest) : requestOfUrl(key, raw[key]!)
  if (typeof request !== 'string' && framing !== undefined)
    request = { ...request, framing } as OpenSessionRequest
  if (typeof request !== 'string') {
    const joined = withTls(request, key, raw, path, problems)
    if (joined === undefined) return undefined
    request = joined
    const checked = openSessionRequestSchema.safeParse(request)
    const issue = checked.success ? undefined : explain(checked.error.issues, request)[0]
    // What the request's schema says about TLS beyond the map's own checks (a cert without its key).
    if (issue?.path[0] === 'tls' && raw.tls !== undefined) {
      problems.at(problems.positions.valueAt([...path, 'tls']), `tls: ${issue.message}`)
      return undefined
    }
    if (!checked.success) request = `${key}: ${issue?.message ?? 'invalid'}`
  }
  if (typeof request === 'string') {
    problems.at(problems.positions.valueAt([...path, key]), request)
    return undefined
  }
  return { type: 'session', request, role: roleOf(request) }
}

interface StepRules {
  /** Frames or datagrams: false for TCP without framing; undefined when unknown until run (profiles). */
  messages: boolean | undefined
  canAccept: boolean | undefined
  canHalfClose: boolean | undefined
}

function rulesOf(target: Target | undefined): StepRules {
  if (target?.type !== 'session')
    return {
      messages: undefined,
      canAccept: target?.type === 'peer' ? false : undefined,
      canHalfClose: undefined,
    }
  const { capabilities } = describeKind(target.request.kind)
  const framed = (target.request.framing?.mode ?? 'none') !== 'none'
  return {
    messages: framed || !capabilities.connectionOriented,
    canAccept: capabilities.acceptsConnections,
    canHalfClose: capabilities.halfClose,
  }
}

function buildSteps(
  rawSteps: readonly unknown[],
  path: DataPath,
  template: boolean,
  rules: StepRules,
  problems: Problems,
): Step[] {
  return rawSteps.map((raw, index) => {
    const stepPath = [...path, index]
    const map = raw as Record<string, unknown>
    const key = stepKeys.find((candidate) => candidate in map)!
    const position = problems.positions.valueAt(stepPath)
    const built = stepTypes[key]!.build(map, {
      template,
      nested: (name) => {
        const block = map[name] as { steps: unknown[] }
        return buildSteps(block.steps, [...stepPath, name, 'steps'], template, rules, problems)
      },
    })
    const step = { ...built, ...position } as Step
    checkStep(step, stepPath, key, rules, problems)
    return step
  })
}

function checkStep(step: Step, path: DataPath, key: string, rules: StepRules, problems: Problems): void {
  const here = problems.positions.keyAt(path, key)
  if (step.kind === 'accept' && rules.canAccept === false)
    problems.at(here, 'accept: only a listening target has clients to accept')
  if (step.kind === 'half_close' && rules.canHalfClose === false)
    problems.at(here, 'half_close: needs TCP (UDP has no FIN)')
  if (step.kind !== 'expect') return
  const { kind, value, options } = step.expectation
  const entry = expectationTypeOf(kind)
  if (entry.needsMessages && rules.messages === false)
    problems.at(here, `expect ${kind}: a TCP stream has no frames; set framing: on the sequence`)
  const problem = entry.check(value, options)
  // `expect: TEXT` has no kind key: the position falls back to the text itself.
  if (problem !== undefined) problems.at(problems.positions.valueAt([...path, 'expect', kind]), problem)
}

function buildSequence(raw: RawSequence, path: DataPath, index: number, problems: Problems): Sequence {
  const framing = framingOf(raw, path, problems)
  const target = targetOf(raw, framing, path, problems)
  const variables = Object.fromEntries(
    Object.entries(raw.variables ?? {}).map(([name, value]) => [name, String(value)]),
  )
  return {
    name: raw.name ?? `sequence ${index + 1}`,
    ...problems.positions.valueAt(path),
    target: target ?? { type: 'profile', name: '' },
    framing,
    tls: raw.tls,
    timeoutMs: raw.timeout ?? DEFAULT_EXPECT_TIMEOUT_MS,
    totalTimeoutMs: raw.total_timeout,
    variables,
    steps: buildSteps(raw.steps, [...path, 'steps'], raw.template ?? false, rulesOf(target), problems),
  }
}

/** Names are unique (results and JUnit go by them); a peer names a listening sequence written before it. */
function checkNames(sequences: readonly Sequence[], paths: readonly DataPath[], problems: Problems): void {
  const seen = new Map<string, Sequence>()
  sequences.forEach((sequence, index) => {
    if (seen.has(sequence.name))
      problems.at(
        problems.positions.keyAt(paths[index]!, 'name'),
        `a sequence named '${sequence.name}' is already on line ${seen.get(sequence.name)!.line}`,
      )
    const { target } = sequence
    if (target.type === 'peer') {
      const peer = seen.get(target.sequence)
      const listens = peer?.target.type === 'session' && peer.target.role === 'server'
      if (!listens)
        problems.at(
          problems.positions.valueAt([...paths[index]!, 'peer']),
          `peer: no listening sequence named '${target.sequence}' before this one`,
        )
      const peerTls =
        peer?.target.type === 'session' && 'tls' in peer.target.request && peer.target.request.tls
      if (listens && sequence.tls !== undefined && !peerTls)
        problems.at(
          problems.positions.keyAt(paths[index]!, 'tls'),
          `tls: the sequence '${target.sequence}' does not listen with TLS`,
        )
    }
    seen.set(sequence.name, sequence)
  })
}

/** A step is a map with one step key; an expectation is text or a map with one expectation key. */
const unionKindsAt: UnionKinds = (path) => {
  if (path[path.length - 1] === 'expect') return expectationKinds
  return path[path.length - 2] === 'steps' ? stepKeys : undefined
}

/** A sequence file's text as sequences to run, or every problem with the line and column it is on. */
export function parseSequenceFile(text: string): ParsedSequenceFile {
  if (text.length > MAX_SEQUENCE_FILE_CHARS)
    return problemOnly(`the file is larger than ${MAX_SEQUENCE_FILE_CHARS} characters`)
  const lines = new LineCounter()
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const problems = new Problems(new PositionFinder(document, lines))
  for (const error of document.errors)
    problems.at(problems.positions.offset(error.pos[0]), error.message.split('\n')[0]!)
  if (problems.list.length > 0) return { ok: false, problems: problems.list }
  const data: unknown = document.toJS({ maxAliasCount: 100 })
  const isList = typeof data === 'object' && data !== null && 'sequences' in data
  const parsed = (isList ? sequenceListSchema : sequenceSchema).safeParse(data)
  if (!parsed.success) {
    for (const issue of explain(parsed.error.issues, data, unionKindsAt)) problems.issue(issue)
    return { ok: false, problems: problems.list }
  }
  const raws = isList ? (parsed.data as { sequences: RawSequence[] }).sequences : [parsed.data as RawSequence]
  const paths = raws.map((_raw, index) => (isList ? ['sequences', index] : []))
  const sequences = raws.map((raw, index) => buildSequence(raw, paths[index]!, index, problems))
  checkNames(sequences, paths, problems)
  return problems.list.length > 0 ? { ok: false, problems: problems.list } : { ok: true, file: { sequences } }
}
