import { isIP, type Socket } from 'node:net'
import { connect, type TLSSocket } from 'node:tls'
import { CodedError, OwnErrorCode, type TlsClientOptions, type TlsDetails } from '../../shared'
import type { TlsCredentials } from './load-credentials'
import { describePeerChain } from './peer-certificate'
import { tlsDetails } from './tls-details'
import { explainTlsFailure, isTlsFailureCode, problemError, type FailureContext } from './tls-failures'
import { verifyServer } from './verify-peer'

/**
 * Under TLS 1.3 the client's handshake is done before the server has seen the client's certificate (or its
 * absence): a refusal arrives as an alert afterwards. A server that accepts sends its session tickets right after
 * that check (OpenSSL, Node and BoringSSL do), so the first ticket is the verdict; a server that sends none is
 * taken as accepting after this long.
 */
export const TLS13_VERDICT_WAIT_MS = 500

export interface ClientHandshakeRequest {
  /** A connected TCP socket. */
  socket: Socket
  /** The host as the user gave it: the default SNI and the name checked. */
  host: string
  peer: string
  tls: TlsClientOptions
  credentials: TlsCredentials
  sessionId: string
}

export interface ClientHandshake {
  socket: TLSSocket
  details: TlsDetails
}

/** Runs the TLS handshake on a connected socket and returns the TLS socket once the server's verdict is in. */
export async function clientHandshake(request: ClientHandshakeRequest): Promise<ClientHandshake> {
  const { tls, host, sessionId } = request
  const servername = tls.servername ?? (isIP(host) === 0 ? host : undefined)
  const context: FailureContext = {
    peer: request.peer,
    servername: tls.servername ?? host,
    minVersion: tls.minVersion,
    maxVersion: tls.maxVersion,
    sentCertificate: request.credentials.cert !== undefined || request.credentials.pfx !== undefined,
  }
  const socket = connect({
    socket: request.socket,
    ...request.credentials,
    ...(servername === undefined ? {} : { servername }),
    ...(tls.alpn.length === 0 ? {} : { ALPNProtocols: tls.alpn }),
    ...(tls.minVersion === undefined ? {} : { minVersion: tls.minVersion }),
    ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
    // Verified below, after the handshake, as Node itself does: the chain is then in hand to explain a failure.
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  })
  let ticket = false
  socket.once('session', () => (ticket = true))
  try {
    await settle(socket, 'secureConnect')
    if (socket.getProtocol() === 'TLSv1.3' && !ticket) {
      await settle(socket, 'session', TLS13_VERDICT_WAIT_MS)
      // 'session' fires inside OpenSSL's read: a write issued before that returns stays unsent (seen on Node 20).
      await new Promise((resolve) => setImmediate(resolve))
    }
  } catch (thrown) {
    socket.destroy()
    throw handshakeError(thrown, context, sessionId)
  }
  const peerChain = describePeerChain(socket)
  const problem = verifyServer(socket, tls.verify, tls.servername ?? host, peerChain, {
    ...context,
    now: new Date(),
  })
  if (problem !== undefined && tls.verify !== 'off') {
    socket.destroy()
    throw problemError(problem, sessionId)
  }
  return { socket, details: tlsDetails(socket, { side: 'client', servername, peerChain, problem }) }
}

/** Waits for `success`; 'error' rejects, a close without one is a handshake cut short; `timeoutMs` resolves. */
function settle(socket: TLSSocket, success: string, timeoutMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer)
      socket.off(success, onSuccess)
      socket.off('error', onError)
      socket.off('close', onClose)
    }
    const onSuccess = (): void => {
      done()
      resolve()
    }
    const onError = (error: Error): void => {
      done()
      reject(error)
    }
    const onClose = (): void => {
      done()
      reject(new CodedError(OwnErrorCode.tlsHandshake, 'closed during the handshake'))
    }
    const timer = timeoutMs === undefined ? undefined : setTimeout(onSuccess, timeoutMs)
    socket.once(success, onSuccess)
    socket.once('error', onError)
    socket.once('close', onClose)
  })
}

/** A failed handshake as a coded error: OpenSSL's code explained, or a close mid-handshake said plainly. */
function handshakeError(thrown: unknown, context: FailureContext, sessionId: string): CodedError {
  const code = (thrown as { code?: string }).code
  // Node reports a peer that closed mid-handshake as ECONNRESET ("disconnected before secure TLS connection").
  const closedEarly = code === undefined || code === 'ECONNRESET' || code === 'EPIPE'
  if (closedEarly || thrown instanceof CodedError) {
    return problemError(explainTlsFailure(OwnErrorCode.tlsHandshake, context), sessionId)
  }
  const detail = thrown instanceof Error ? thrown.message.split('\n', 1)[0] : undefined
  return problemError(
    explainTlsFailure(code, context, isTlsFailureCode(code) ? undefined : detail),
    sessionId,
  )
}
