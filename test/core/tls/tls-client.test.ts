import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { needs } from '../../helpers/system-tools'
import { ncatTlsEchoServer, opensslServer, socatTlsEchoServer, type TlsPeer } from '../../helpers/tls-peers'
import { EngineHarness } from '../engine/harness'
import { createTlsFixtures, type TlsFixtures } from './tls-fixtures'

// Our TLS client against Debian's openssl s_server and ncat --ssl: details of the handshake, data both ways, and
// every failure produced for real, its code and sentence checked.

let files: TlsFixtures
let harness: EngineHarness
const peers: TlsPeer[] = []

beforeAll(async () => {
  files = await createTlsFixtures()
})
afterAll(() => files.remove())
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
  await harness.dispose()
})

const fingerprintOf = (certFile: string): string =>
  execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'])
    .toString()
    .trim()
    .split('=')[1]!

async function server(extra: string[] = [], pair = files.localhost, host: '127.0.0.1' | '::1' = '127.0.0.1') {
  const started = await opensslServer(host, pair.cert, pair.key, extra)
  peers.push(started.peer)
  return started
}

/** Opens a TLS client and waits for it to settle: open (resolves) or failed (the error it threw). */
async function open(port: number, tls: Record<string, unknown>, host = '127.0.0.1') {
  harness ??= new EngineHarness()
  return harness.openRequest({ kind: 'tcp-client', host, port, tls }).then(
    ({ id }) => ({ id, error: undefined }),
    (error: { code: string; message: string; hint?: string; sessionId?: string }) => ({
      id: error.sessionId!,
      error,
    }),
  )
}

needs('openssl').describe('TLS client against openssl s_server', () => {
  it.each(['TLSv1.3', 'TLSv1.2'] as const)(
    'reports the %s handshake and the chain, then carries data both ways',
    async (version) => {
      harness = new EngineHarness()
      const { peer, port } = await server([version === 'TLSv1.2' ? '-tls1_2' : '-tls1_3'])
      const { id, error } = await open(port, { caFiles: [files.localhost.cert], servername: 'localhost' })
      expect(error).toBeUndefined()
      const types = harness.typesOf(id)
      expect(types.indexOf('connected')).toBeLessThan(types.indexOf('tls'))
      const { tls } = await harness.waitFor(id, 'tls')
      expect(tls.protocol).toBe(version)
      expect(tls.cipher.standardName).toMatch(/^TLS_/)
      expect(tls.servername).toBe('localhost')
      expect(tls.verified).toBe(true)
      expect(tls.problem).toBeUndefined()
      expect(tls.peerChain).toHaveLength(1)
      const [leaf] = tls.peerChain
      expect(leaf).toMatchObject({
        subject: 'CN=localhost',
        issuer: 'CN=localhost',
        keyType: 'ec',
        keySize: 256,
        signatureAlgorithm: 'ECDSA with SHA-256',
        selfSigned: true,
        fingerprintSha256: fingerprintOf(files.localhost.cert),
      })
      expect(leaf!.subjectAltNames).toEqual([
        'DNS:localhost',
        'IP Address:127.0.0.1',
        'IP Address:0:0:0:0:0:0:0:1',
      ])
      // Sent right after the handshake: under TLS 1.3 this is where a write issued inside Node's ticket callback was lost.
      await harness.engine.send({ sessionId: id, data: Buffer.from('hello over tls\n') })
      await peer.waitFor(/hello over tls/, 's_server to print what we sent')
      peer.write('answer from s_server\n')
      const received = await harness.waitForReceived(id, 21)
      expect(received.toString()).toBe('answer from s_server\n')
      // Counters count plaintext bytes: exactly what the application sent and received.
      const stats = harness.engine.get(id).stats
      expect(stats.bytesOut).toBe(15)
      expect(stats.bytesIn).toBe(21)
    },
  )

  it('agrees on ALPN with the server', async () => {
    harness = new EngineHarness()
    const { port } = await server(['-alpn', 'h2,http/1.1'])
    const { id } = await open(port, { caFiles: [files.localhost.cert], alpn: ['http/1.1'] })
    expect((await harness.waitFor(id, 'tls')).tls.alpn).toBe('http/1.1')
  })

  it('verifies a CA-signed leaf against the CA file, and says the issuer is unknown without it', async () => {
    harness = new EngineHarness()
    const { port } = await server([], files.caSigned)
    const trusted = await open(port, { caFiles: [files.ca.cert] })
    expect(trusted.error).toBeUndefined()
    const { tls } = await harness.waitFor(trusted.id, 'tls')
    expect(tls.peerChain[0]).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=Workbench Test CA',
      selfSigned: false,
    })
    // s_server serves one client at a time.
    await harness.engine.close(trusted.id)
    const unknown = await open(port, {})
    expect(unknown.error?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    expect(unknown.error?.message).toContain(
      'without the intermediate certificate that signed it (CN=Workbench Test CA)',
    )
    expect(unknown.error?.hint).toContain('Node 20 trusts only its bundled Mozilla CA list')
  })

  it('refuses a self-signed server certificate with verification on', async () => {
    harness = new EngineHarness()
    const { port } = await server()
    const { id, error } = await open(port, {})
    expect(error?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(error?.message).toBe('the certificate of CN=localhost is self-signed, and nothing here trusts it')
    expect(harness.typesOf(id)).not.toContain('tls')
    expect(harness.engine.get(id).state).toBe('error')
    expect(harness.ofType(id, 'error')[0]!.error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })

  it('with verification off opens anyway and still says what would have failed', async () => {
    harness = new EngineHarness()
    const { port } = await server()
    const { id, error } = await open(port, { verify: 'off' })
    expect(error).toBeUndefined()
    const { tls } = await harness.waitFor(id, 'tls')
    expect(tls.verified).toBe(false)
    expect(tls.problem?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(harness.engine.get(id).state).toBe('connected')
  })

  it('names the certificate’s names when the server name does not match; chain-only accepts it', async () => {
    harness = new EngineHarness()
    const { port } = await server()
    const full = await open(port, { caFiles: [files.localhost.cert], servername: 'wrong.example' })
    expect(full.error?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(full.error?.message).toBe(
      'the certificate is for DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, not for wrong.example',
    )
    const chainOnly = await open(port, {
      caFiles: [files.localhost.cert],
      servername: 'wrong.example',
      verify: 'chain',
    })
    expect(chainOnly.error).toBeUndefined()
    expect((await harness.waitFor(chainOnly.id, 'tls')).tls.servername).toBe('wrong.example')
  })

  it('shows both dates and now for an expired certificate', async () => {
    harness = new EngineHarness()
    const { port } = await server([], files.expired)
    const { error } = await open(port, { caFiles: [files.expired.cert] })
    expect(error?.code).toBe('CERT_HAS_EXPIRED')
    expect(error?.message).toMatch(
      /^the certificate of CN=localhost expired: valid from 2020-01-01T00:00:00.000Z until 2021-01-01T00:00:00.000Z, now 20\d\d-/,
    )
  })

  it('says a certificate is not valid yet', async () => {
    harness = new EngineHarness()
    const { port } = await server([], files.notYetValid)
    const { error } = await open(port, { caFiles: [files.notYetValid.cert] })
    expect(error?.code).toBe('CERT_NOT_YET_VALID')
    expect(error?.message).toContain('is not valid yet: valid from')
  })

  it('says when client and server share no protocol version', async () => {
    harness = new EngineHarness()
    const { port } = await server(['-tls1_2'])
    const { error } = await open(port, { caFiles: [files.localhost.cert], minVersion: 'TLSv1.3' })
    expect(error?.code).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION')
    expect(error?.message).toBe(
      'the peer and this side share no TLS protocol version (this side allows TLSv1.3 to TLSv1.3)',
    )
  })

  it('under TLS 1.2 a missing client certificate fails the handshake', async () => {
    harness = new EngineHarness()
    const { port } = await server(['-Verify', '1', '-tls1_2'])
    const { id, error } = await open(port, { caFiles: [files.localhost.cert] })
    expect(error?.code).toBe('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')
    expect(error?.message).toContain('it may require a client certificate')
    expect(harness.typesOf(id)).not.toContain('tls')
  })

  it('under TLS 1.3 waits for the verdict on the client certificate and attributes the late alert to it', async () => {
    harness = new EngineHarness()
    const { port } = await server(['-Verify', '1', '-tls1_3'])
    const { id, error } = await open(port, { caFiles: [files.localhost.cert] })
    expect(error?.code).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')
    expect(error?.message).toBe(
      'client certificate step: the server requires a client certificate, and none was sent',
    )
    // The handshake looked done on our side, yet success was never reported.
    expect(harness.typesOf(id)).not.toContain('tls')
    expect(harness.ofType(id, 'state').map((event) => event.state)).not.toContain('connected')
  })

  it.each(['-tls1_2', '-tls1_3'])(
    'presents a client certificate the server asked for (%s)',
    async (version) => {
      harness = new EngineHarness()
      const { peer, port } = await server(['-Verify', '1', '-verifyCAfile', files.client.cert, version])
      const { error } = await open(port, {
        caFiles: [files.localhost.cert],
        certFile: files.client.cert,
        keyFile: files.client.key,
      })
      expect(error).toBeUndefined()
      await peer.waitFor(/subject=CN ?= ?workbench-client/, 's_server to show our client certificate')
    },
  )
})

needs('socat').describe('TLS client against socat OPENSSL-LISTEN', () => {
  it('moves 10 MiB both ways byte-exact over IPv6, counting plaintext bytes', async () => {
    harness = new EngineHarness()
    const { peer, port } = await socatTlsEchoServer('::1', files.localhost.cert, files.localhost.key)
    peers.push(peer)
    const { id, error } = await open(
      port,
      { caFiles: [files.localhost.cert], servername: 'localhost' },
      '::1',
    )
    expect(error).toBeUndefined()
    const total = 10 * 1024 * 1024
    const payload = Buffer.alloc(total)
    for (let index = 0; index < total; index += 1) payload[index] = (index * 7 + (index >> 11)) & 0xff
    const chunk = 256 * 1024
    // Sends are queued in order; the connection waits for 'drain' between writes (backpressure).
    const sends: Array<Promise<unknown>> = []
    for (let offset = 0; offset < total; offset += chunk) {
      sends.push(harness.engine.send({ sessionId: id, data: payload.subarray(offset, offset + chunk) }))
    }
    await Promise.all(sends)
    const echoed = await harness.waitForReceived(id, total, undefined, 60_000)
    expect(echoed.equals(payload)).toBe(true)
    const stats = harness.engine.get(id).stats
    expect(stats.bytesOut).toBe(total)
    expect(stats.bytesIn).toBe(total)
  }, 60_000)
})

needs('ncat').describe('TLS client against ncat --ssl', () => {
  it('talks to ncat --ssl over IPv4', async () => {
    harness = new EngineHarness()
    const { peer, port } = await ncatTlsEchoServer('127.0.0.1', files.localhost.cert, files.localhost.key)
    peers.push(peer)
    const { id, error } = await open(port, { caFiles: [files.localhost.cert] })
    expect(error).toBeUndefined()
    await harness.engine.send({ sessionId: id, data: Buffer.from('ping through ncat\n') })
    expect((await harness.waitForReceived(id, 18)).toString()).toBe('ping through ncat\n')
  })
})

describe('TLS client against a plaintext server', () => {
  let plain: Server
  const accepted: Socket[] = []
  afterEach(() => {
    for (const socket of accepted.splice(0)) socket.destroy()
    return new Promise<void>((resolve) => plain.close(() => resolve()))
  })

  it('says the peer did not answer with TLS', async () => {
    harness = new EngineHarness()
    plain = createServer((socket) => {
      accepted.push(socket)
      socket.on('error', () => undefined)
      socket.write('220 plaintext service ready\r\n')
    })
    plain.listen(0, '127.0.0.1')
    await once(plain, 'listening')
    const { port } = plain.address() as { port: number }
    const { error } = await open(port, {})
    expect(error?.code).toBe('ERR_SSL_WRONG_VERSION_NUMBER')
    expect(error?.message).toBe('the peer did not answer with TLS — is this a plaintext port?')
  })
})
