/** A failure that crosses a boundary (engine → IPC → renderer) as plain data. */
export interface ErrorInfo {
  /** Node's code where there is one (EADDRINUSE, ECONNREFUSED, …), else one of ours (ERR_INVALID_REQUEST, …). */
  code: string
  /** One plain sentence a user can act on. */
  message: string
  /** What to try next, where the sentence alone does not say (TLS failures). */
  hint?: string
  /** The session the failure belongs to, when one was created before it failed. */
  sessionId?: string
}

/**
 * Our own codes, for requests we refuse and failures Node has no code for. They never reuse an errno name, so a
 * user (and a script) can tell "the system said no" (ECONNREFUSED, EADDRINUSE, …) from "the workbench said no".
 */
export const OwnErrorCode = {
  invalidRequest: 'ERR_INVALID_REQUEST',
  notSupported: 'ERR_NOT_SUPPORTED',
  unknownSession: 'ERR_NO_SESSION',
  unknownConnection: 'ERR_NO_CONNECTION',
  /** A server's send to all clients while none is connected. */
  noClients: 'ERR_NO_CLIENTS',
  wrongState: 'ERR_SESSION_STATE',
  limit: 'ERR_LIMIT',
  /** A send would make the bytes waiting for a slow peer exceed the per-connection limit. */
  sendQueueFull: 'ERR_SEND_QUEUE_FULL',
  badPayload: 'ERR_PAYLOAD',
  /** Framing: a frame longer than the session's maximum; its bytes were discarded up to the next boundary. */
  frameTooLong: 'ERR_FRAME_TOO_LONG',
  /** Framing: a length field that gives a frame shorter than its own header. */
  frameLength: 'ERR_FRAME_LENGTH',
  /** Framing: the stream ended in the middle of a frame. */
  frameIncomplete: 'ERR_FRAME_INCOMPLETE',
  /** A sequence file (`test FILE`) that cannot run: YAML, schema or meaning; with its line and column. */
  invalidSequence: 'ERR_SEQUENCE',
  /** Auto-reply: a rule's regex ran past its time budget; the rule was turned off, the session carries on. */
  ruleTimeout: 'ERR_RULE_TIMEOUT',
  /** Auto-reply: too many delayed replies were waiting; this one was not sent. */
  replyBacklog: 'ERR_REPLY_BACKLOG',
  /** TLS: a certificate, key, PFX or CA file that cannot be used (missing, a directory, too big, not PEM, key not matching). */
  tlsCredentials: 'ERR_TLS_CREDENTIALS',
  /** TLS: the handshake failed in a way OpenSSL gave no code for. */
  tlsHandshake: 'ERR_TLS_HANDSHAKE',
  internal: 'ERR_INTERNAL',
  /** IPC: the request did not come from the app's own window. */
  untrustedSender: 'ERR_UNTRUSTED_SENDER',
  /** Web mode: the page has lost its link to the host. */
  hostLost: 'ERR_HOST_LOST',
  /** Web mode: the host refused this page (wrong or missing token). */
  hostRefused: 'ERR_HOST_REFUSED',
} as const

export class CodedError extends Error {
  readonly code: string
  readonly sessionId?: string
  readonly hint?: string

  constructor(code: string, message: string, sessionId?: string, hint?: string) {
    super(message)
    this.name = 'CodedError'
    this.code = code
    if (sessionId !== undefined) this.sessionId = sessionId
    if (hint !== undefined) this.hint = hint
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.sessionId !== undefined) info.sessionId = this.sessionId
    if (this.hint !== undefined) info.hint = this.hint
    return info
  }
}
