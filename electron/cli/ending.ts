import type { ErrorInfo } from '../shared'
import { ExitCode } from './exit-codes'

export interface Outcome {
  exitCode: ExitCode
  /** Shown as the one error line on stderr. */
  error?: Pick<ErrorInfo, 'code' | 'message'>
}

/** How the run ends: the first of the peer, a timer, a failure or a signal to decide wins; later ones are ignored. */
export class Ending {
  readonly promise: Promise<Outcome>
  private resolve!: (outcome: Outcome) => void
  private outcome: Outcome | undefined

  constructor() {
    this.promise = new Promise((resolve) => (this.resolve = resolve))
  }

  get settled(): boolean {
    return this.outcome !== undefined
  }

  end(outcome: Outcome): void {
    if (this.outcome !== undefined) return
    this.outcome = outcome
    this.resolve(outcome)
  }

  done(): void {
    this.end({ exitCode: ExitCode.done })
  }
}
