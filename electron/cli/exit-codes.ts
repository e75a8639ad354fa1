import { OwnErrorCode, type ErrorInfo } from '../shared'

/** The exit statuses of CLI-CONTRACT.md; a script may rely on each. */
export const ExitCode = {
  done: 0,
  /** An expectation or test step failed (and our own refusals that are not about the command line). */
  failed: 1,
  /** Bad option, invalid hex, port out of range: nothing was opened or sent. */
  usage: 2,
  /** Refused, reset, unknown host, address in use: the network said no. */
  network: 3,
  /** A second SIGINT: the shell's 128 + 2. */
  interrupted: 130,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** What our shared schemas and codec refuse is the user's input, so it is a usage error; so is a TLS file. */
const usageCodes: ReadonlySet<string> = new Set([
  OwnErrorCode.invalidRequest,
  OwnErrorCode.badPayload,
  OwnErrorCode.tlsCredentials,
])
/** Our codes for what the network (a TLS peer) did. */
const networkCodes: ReadonlySet<string> = new Set([OwnErrorCode.tlsHandshake])
const ownCodes: ReadonlySet<string> = new Set(Object.values(OwnErrorCode))

/** The exit status a failure from the handler table stands for: ours by kind, every other code is the system's. */
export function exitCodeOf(error: Pick<ErrorInfo, 'code'>): ExitCode {
  if (usageCodes.has(error.code)) return ExitCode.usage
  if (networkCodes.has(error.code)) return ExitCode.network
  if (ownCodes.has(error.code)) return ExitCode.failed
  return ExitCode.network
}
