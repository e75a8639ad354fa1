import type { ErrorInfo } from '../shared'
import { ExitCode } from './exit-codes'

/** The CLI's own codes, beside the shared OwnErrorCode ones. */
export const CliErrorCode = {
  /** The command line itself is wrong: unknown option, missing argument, bad number. */
  usage: 'ERR_USAGE',
  /** A bug of ours: reported in one line, without a stack. */
  internal: 'ERR_INTERNAL',
} as const

/** A failure that ends the program: its code and sentence go to stderr as one line, its status to the shell. */
export class CliError extends Error {
  readonly code: string
  readonly exitCode: ExitCode

  constructor(code: string, message: string, exitCode: ExitCode) {
    super(message)
    this.name = 'CliError'
    this.code = code
    this.exitCode = exitCode
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message }
  }
}

export const usageError = (message: string): CliError =>
  new CliError(CliErrorCode.usage, message, ExitCode.usage)
