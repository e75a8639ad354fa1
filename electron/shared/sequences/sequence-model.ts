import type { Framing } from '../framing/framing-schema'
import type { OpenSessionRequest } from '../schemas'
import type { SourcePosition } from './source-position'
import type { ExpectationKind } from './expectation-types'
import type { SequenceTls } from './sequence-tls'

// A sequence file once read and checked: what the runner executes. Every step keeps where it was written.

/** Who opens the conversation: a client connects (or sends datagrams), a server listens (or binds). */
export type Role = 'client' | 'server'

export type Target =
  /** `connect:` / `listen:` URLs, or `session:` with the app's own open-session request. */
  | { type: 'session'; request: OpenSessionRequest; role: Role }
  /** A profile saved by the app, by name (read from --data-dir when the file runs). */
  | { type: 'profile'; name: string }
  /** `peer: NAME`: connect to where the listening sequence NAME of the same file listens. */
  | { type: 'peer'; sequence: string }

/** How a send's payload is written in the file; the bytes are made when the step runs (variables, templates). */
export interface PayloadSource {
  encoding: 'text' | 'hex' | 'base64' | 'file'
  source: string
  /** Expand template macros (`template: true` on the step or the sequence). */
  template: boolean
}

/** An expectation as written: its kind, its value and any extra keys its entry takes (e.g. regex `flags`). */
export interface ExpectationSpec {
  kind: ExpectationKind
  value: unknown
  options: Readonly<Record<string, unknown>>
}

interface StepBase extends SourcePosition {
  /** What results show for the step: `send "hello\n"`, `expect contains "OK"`. */
  label: string
}

export type Step = StepBase &
  (
    | { kind: 'open' }
    | { kind: 'send'; payload: PayloadSource }
    | { kind: 'expect'; expectation: ExpectationSpec; timeoutMs: number | undefined }
    | { kind: 'wait'; ms: number }
    | { kind: 'close' }
    | { kind: 'half_close' }
    | { kind: 'accept'; timeoutMs: number | undefined }
    | { kind: 'repeat'; count: number; steps: Step[] }
  )

export type StepKind = Step['kind']

export interface Sequence extends SourcePosition {
  name: string
  target: Target
  /** `framing:` of the file; already inside a session target's request, applied at run time to the others. */
  framing: Framing | undefined
  /** `tls:` of the file; already inside a tls:// target's request, joined at run time to a peer's (a TLS client). */
  tls: SequenceTls | undefined
  /** Default wait of every expect and accept (the file's `timeout:`, else DEFAULT_EXPECT_TIMEOUT_MS). */
  timeoutMs: number
  /** The whole sequence must end within this; undefined: no limit beyond each step's own. */
  totalTimeoutMs: number | undefined
  /** Named values that `{{name}}` stands for in sends and expectations; regex captures add to them. */
  variables: Readonly<Record<string, string>>
  steps: Step[]
}

export interface SequenceFile {
  sequences: Sequence[]
}

/** The contract's default wait for an expect. */
export const DEFAULT_EXPECT_TIMEOUT_MS = 2000
