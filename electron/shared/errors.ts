/** A failure that crosses a boundary (engine → IPC → renderer) as plain data. */
export interface ErrorInfo {
  /** Node's code where there is one (EADDRINUSE, ECONNREFUSED, …), else one of ours (EINVAL, ENOSESSION, …). */
  code: string
  /** One plain sentence a user can act on. */
  message: string
  /** The session the failure belongs to, when one was created before it failed. */
  sessionId?: string
}

/** Our own codes, for failures Node has no code for. */
export const OwnErrorCode = {
  invalidRequest: 'EINVAL',
  unknownSession: 'ENOSESSION',
  unknownConnection: 'ENOCONN',
  wrongState: 'ESTATE',
  limit: 'ELIMIT',
  badPayload: 'EPAYLOAD',
  internal: 'EINTERNAL',
} as const

export class CodedError extends Error {
  readonly code: string
  readonly sessionId?: string

  constructor(code: string, message: string, sessionId?: string) {
    super(message)
    this.name = 'CodedError'
    this.code = code
    if (sessionId !== undefined) this.sessionId = sessionId
  }

  toInfo(): ErrorInfo {
    return this.sessionId === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, sessionId: this.sessionId }
  }
}
