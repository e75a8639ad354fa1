import { CodedError, OwnErrorCode, describeKind, type SessionKind } from '../../shared'

/** Failures the engine detects itself, before any socket is touched. Node has no code for most of them. */

export const unknownSession = (sessionId: string): CodedError =>
  new CodedError(OwnErrorCode.unknownSession, `there is no session ${sessionId}`)

export const unknownConnection = (sessionId: string, connectionId: string): CodedError =>
  new CodedError(
    OwnErrorCode.unknownConnection,
    `session ${sessionId} has no open connection ${connectionId}`,
    sessionId,
  )

export const noOpenConnections = (sessionId: string): CodedError =>
  new CodedError(OwnErrorCode.noClients, 'no client is connected; nothing was sent', sessionId)

export const emptyStreamSend = (sessionId: string): CodedError =>
  new CodedError(
    OwnErrorCode.invalidRequest,
    'an empty message sends nothing over a connection (TCP has no empty packets); nothing was sent',
    sessionId,
  )

export const wrongState = (sessionId: string, why: string): CodedError =>
  new CodedError(OwnErrorCode.wrongState, `session ${sessionId} ${why}`, sessionId)

export const notSupported = (sessionId: string, kind: SessionKind, action: string): CodedError =>
  new CodedError(
    OwnErrorCode.notSupported,
    `a ${describeKind(kind).title} session cannot ${action}`,
    sessionId,
  )

export const tooManySessions = (max: number): CodedError =>
  new CodedError(
    OwnErrorCode.limit,
    `no more than ${max.toLocaleString('en-US')} sessions can be open at once`,
  )

export const familyMismatch = (host: string, family: 'IPv4' | 'IPv6'): CodedError =>
  new CodedError(OwnErrorCode.invalidRequest, `${host} is not an ${family} address`)

export const datagramTooLarge = (sessionId: string, bytes: number, limit: number, type: string): CodedError =>
  new CodedError(
    'EMSGSIZE',
    `a datagram of ${bytes.toLocaleString('en-US')} bytes is larger than the ${limit.toLocaleString('en-US')}-byte maximum of ${type}`,
    sessionId,
  )

export const noDestination = (sessionId: string): CodedError =>
  new CodedError('EDESTADDRREQ', 'a UDP send needs a destination: give a remote host and port', sessionId)

export const alreadyConnected = (sessionId: string, remote: string): CodedError =>
  new CodedError('EISCONN', `the UDP socket is connected to ${remote} and can only send there`, sessionId)

export const connectCancelled = (sessionId: string, remote: string): CodedError =>
  new CodedError('ECONNABORTED', `the connection attempt to ${remote} was cancelled`, sessionId)

export const closedBeforeSent = (sessionId: string, remote: string, bytes: number): CodedError =>
  new CodedError('EPIPE', `the connection to ${remote} closed before ${bytes} bytes were sent`, sessionId)

export const connectionRefusedAtLimit = (sessionId: string, remote: string, max: number): CodedError =>
  new CodedError(
    OwnErrorCode.limit,
    `refused a connection from ${remote}: the server already has its maximum of ${max} connections`,
    sessionId,
  )

const mebibytes = (bytes: number): string =>
  `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`

export const sendQueueFull = (
  sessionId: string,
  remote: string,
  queued: number,
  bytes: number,
  limit: number,
): CodedError =>
  new CodedError(
    OwnErrorCode.sendQueueFull,
    `nothing was sent: ${remote} is not reading fast enough — ${mebibytes(queued)} already wait for it, and ` +
      `${bytes.toLocaleString('en-US')} more bytes would pass the ${mebibytes(limit)} limit`,
    sessionId,
  )
