import type { Socket } from 'node:net'
import type { Server, TLSSocket } from 'node:tls'
import { OwnErrorCode, type CodedError, type TlsDetails, type TlsServerOptions } from '../../shared'
import { describePeerChain } from './peer-certificate'
import { tlsDetails } from './tls-details'
import { explainTlsFailure, problemError } from './tls-failures'
import { verifyClient } from './verify-peer'

export interface TlsAcceptorHooks {
  /** A TCP connection was accepted (its TLS handshake begins): answers the connection's id. */
  accepted(raw: Socket): string
  /** The handshake succeeded and the client was let in. */
  secured(id: string, socket: TLSSocket, raw: Socket, details: TlsDetails): void
  /** The handshake failed (error), the client left before it finished, or we ended it (abortAll: 'here'). */
  failed(id: string, error: CodedError | undefined, closedBy: 'peer' | 'here'): void
}

interface Pending {
  id: string
  raw: Socket
}

const keyOf = (address: string | undefined, port: number | undefined): string => `${address}|${port}`

/**
 * Follows each accepted connection of a TLS listener through its handshake. Node hands the raw socket and the
 * TLS socket it wraps it in to different events, with no public link between the two; the peer's address and
 * port tie them, as they are unique among one listener's open connections.
 */
export class TlsAcceptor {
  private readonly pending = new Map<string, Pending>()
  /** abortAll() ran: handshakes that end now were ended here, not by their clients. */
  private aborting = false

  constructor(
    server: Server,
    private readonly tls: TlsServerOptions,
    private readonly sessionId: string,
    private readonly hooks: TlsAcceptorHooks,
  ) {
    server.on('connection', this.onConnection)
    server.on('secureConnection', this.onSecure)
    server.on('tlsClientError', this.onClientError)
  }

  get handshaking(): number {
    return this.pending.size
  }

  /** Ends every handshake still running. */
  abortAll(): void {
    this.aborting = true
    for (const { raw } of this.pending.values()) raw.destroy()
  }

  private readonly onConnection = (raw: Socket): void => {
    const key = keyOf(raw.remoteAddress, raw.remotePort)
    const entry = { id: this.hooks.accepted(raw), raw }
    this.pending.set(key, entry)
    // Node emits tlsClientError before the raw socket's close; a close with the entry still here had no error.
    raw.once('close', () => {
      if (this.pending.get(key) !== entry) return
      this.pending.delete(key)
      this.hooks.failed(entry.id, undefined, this.aborting ? 'here' : 'peer')
    })
  }

  private take(socket: TLSSocket): Pending | undefined {
    const key = keyOf(socket.remoteAddress, socket.remotePort)
    const entry = this.pending.get(key)
    this.pending.delete(key)
    return entry
  }

  private readonly onSecure = (socket: TLSSocket): void => {
    const entry = this.take(socket)
    if (entry === undefined) {
      socket.destroy()
      return
    }
    // Set by Node on server sockets (the SNI a client asked for, or false); missing from its type definitions.
    const sni = (socket as TLSSocket & { servername?: string | false | null }).servername
    const servername = typeof sni === 'string' ? sni : undefined
    const peerChain = describePeerChain(socket)
    const context = { servername, now: new Date() }
    const problem = this.tls.requestCert === 'off' ? undefined : verifyClient(socket, peerChain, context)
    if (problem !== undefined && this.tls.requestCert === 'required') {
      socket.destroy()
      this.hooks.failed(entry.id, problemError(problem, this.sessionId), 'here')
      return
    }
    this.hooks.secured(
      entry.id,
      socket,
      entry.raw,
      tlsDetails(socket, { side: 'server', servername, peerChain, problem }),
    )
  }

  private readonly onClientError = (error: Error, socket: TLSSocket): void => {
    const entry = this.take(socket)
    if (entry === undefined) return
    const code = (error as { code?: string }).code ?? 'ECONNRESET'
    const problem =
      code === 'ECONNRESET'
        ? explainTlsFailure(OwnErrorCode.tlsHandshake, {})
        : explainTlsFailure(code, {}, error.message.split('\n', 1)[0])
    this.hooks.failed(entry.id, problemError(problem, this.sessionId), 'peer')
  }
}
