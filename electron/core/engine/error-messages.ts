import { CodedError, OwnErrorCode } from '../../shared'
import { formatEndpoint } from './endpoints'
import { explainTlsFailure, isTlsFailureCode } from '../tls/tls-failures'

/** What a failure was about, so its sentence can name the endpoint. */
export interface ErrorContext {
  host?: string
  port?: number
  timeoutMs?: number
}

type Sentence = (where: string, context: ErrorContext) => string

const isWildcard = (host: string): boolean => host === '::' || host === '0.0.0.0'

function describeWhere({ host, port }: ErrorContext): string {
  if (host !== undefined && port !== undefined) return formatEndpoint(host, port)
  if (host !== undefined) return host
  return port !== undefined ? `port ${port}` : 'the socket'
}

function onHost(host: string | undefined): string {
  if (host === undefined) return ''
  return isWildcard(host) ? ` on every interface (${host})` : ` on ${host}`
}

const privilegedPortHint = (port: number | undefined): string =>
  port !== undefined && port > 0 && port < 1024 ? ' (ports below 1024 need administrator rights)' : ''

/** One plain sentence per Node error code, naming the endpoint. */
const sentences: Record<string, Sentence> = {
  EADDRINUSE: (where, { host, port }) =>
    port === undefined ? `${where} is already in use` : `port ${port}${onHost(host)} is already in use`,
  EACCES: (where, { port }) => `permission denied for ${where}${privilegedPortHint(port)}`,
  EPERM: (where) => `the operating system does not permit this on ${where}`,
  EADDRNOTAVAIL: (_where, { host }) => `address ${host ?? '(none)'} is not available on this machine`,
  ECONNREFUSED: (where) => `connection to ${where} was refused: nothing is listening there`,
  ECONNRESET: (where) => `connection to ${where} was reset by the peer`,
  ECONNABORTED: (where) => `connection to ${where} was aborted`,
  ETIMEDOUT: (where, { timeoutMs }) =>
    timeoutMs === undefined
      ? `connection to ${where} timed out`
      : `connection to ${where} timed out after ${timeoutMs} ms`,
  ENOTFOUND: (where, { host }) => `host name ${host ?? where} could not be resolved`,
  EAI_AGAIN: (where, { host }) =>
    `host name ${host ?? where} could not be resolved right now (DNS did not answer)`,
  EHOSTUNREACH: (where) => `host ${where} is unreachable`,
  ENETUNREACH: (where) => `the network of ${where} is unreachable`,
  EMSGSIZE: (where) => `message to ${where} is too large to send`,
  EPIPE: (where) => `connection to ${where} is closed for writing`,
  ENOTCONN: (where) => `socket for ${where} is not connected`,
  EINVAL: (where) => `the operating system refused an invalid argument for ${where}`,
  ENODEV: (where) => `no network interface matches ${where}`,
  ENOBUFS: (where) => `the operating system ran out of buffer space sending to ${where}`,
}

/** The sentence for a Node error code; codes without a sentence still name the endpoint. */
export function describeErrorCode(code: string, context: ErrorContext): string {
  const where = describeWhere(context)
  const sentence = sentences[code]
  return sentence === undefined ? `socket operation on ${where} failed (${code})` : sentence(where, context)
}

interface NodeSystemError {
  code: string
  address?: unknown
  port?: unknown
}

const isNodeSystemError = (thrown: unknown): thrown is NodeSystemError =>
  thrown instanceof Error && typeof (thrown as { code?: unknown }).code === 'string'

/** Node's streams report writes on a destroyed or ended socket with these; users read them as a broken pipe. */
const streamClosedCodes = new Set(['ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED'])

/**
 * Turns whatever a socket threw into a CodedError for `sessionId`. Node's own address and port on the
 * error win over the caller's context: a failed bind names the local endpoint, a failed connect the remote.
 */
export function toCodedError(thrown: unknown, context: ErrorContext, sessionId: string): CodedError {
  if (thrown instanceof CodedError) {
    return thrown.sessionId === undefined
      ? new CodedError(thrown.code, thrown.message, sessionId, thrown.hint)
      : thrown
  }
  if (!isNodeSystemError(thrown)) {
    return new CodedError(OwnErrorCode.internal, 'An internal error occurred.', sessionId)
  }
  const code = streamClosedCodes.has(thrown.code) ? 'EPIPE' : thrown.code
  // A TLS alert after the handshake (under TLS 1.3, a late refusal of the client certificate) reaches the connection.
  if (isTlsFailureCode(code)) {
    const problem = explainTlsFailure(code, { peer: describeWhere(context) })
    return new CodedError(code, problem.message, sessionId, problem.hint)
  }
  const merged: ErrorContext = {
    ...context,
    ...(typeof thrown.address === 'string' ? { host: thrown.address } : {}),
    ...(typeof thrown.port === 'number' ? { port: thrown.port } : {}),
  }
  return new CodedError(code, describeErrorCode(code, merged), sessionId)
}
