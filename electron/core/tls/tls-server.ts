import { createServer, type Server } from 'node:tls'
import type { TlsServerOptions } from '../../shared'
import { hasIdentity, loadServerCredentials } from './load-credentials'
import { generateSelfSigned } from './self-signed'

/**
 * A TLS listener for a server session: its certificate from the named files, or a self-signed pair generated for
 * this session when none is named. Client certificates are asked for but never refused by Node itself: the
 * session checks each one after the handshake so it can say why it refused it ('required') or what is wrong with
 * it ('optional').
 */
export async function createTlsServer(tls: TlsServerOptions): Promise<Server> {
  const loaded = await loadServerCredentials(tls)
  const credentials = hasIdentity(loaded) ? loaded : { ...loaded, ...(await generateIdentity()) }
  return createServer({
    allowHalfOpen: true,
    ...credentials,
    requestCert: tls.requestCert !== 'off',
    rejectUnauthorized: false,
    ...(tls.alpn.length === 0 ? {} : { ALPNProtocols: tls.alpn }),
    ...(tls.minVersion === undefined ? {} : { minVersion: tls.minVersion }),
    ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
  })
}

async function generateIdentity(): Promise<{ cert: string; key: string }> {
  const pair = await generateSelfSigned()
  return { cert: pair.certificatePem, key: pair.keyPem }
}
