import { once } from 'node:events'
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { within } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { ncatTlsClient, opensslClient, type TlsPeer } from '../../helpers/tls-peers'
import { EngineHarness } from '../engine/harness'
import { createTlsFixtures, type TlsFixtures } from './tls-fixtures'

// Our TLS server against openssl s_client and ncat --ssl: a generated or loaded certificate, client certificates
// asked for, SNI and ALPN seen per connection, and handshake failures reported on the connection.

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

async function listen(tls: Record<string, unknown>, host = '127.0.0.1') {
  harness = new EngineHarness()
  return harness.openRequest({ kind: 'tcp-server', host, port: 0, tls })
}

function client(host: '127.0.0.1' | '::1', port: number, extra: string[]): TlsPeer {
  const peer = opensslClient(host, port, extra)
  peers.push(peer)
  return peer
}

needs('openssl').describe('TLS server against openssl s_client', () => {
  it.each([
    ['TLSv1.3', '-tls1_3'],
    ['TLSv1.2', '-tls1_2'],
  ])('is verified by s_client with its loaded certificate (%s), data both ways', async (protocol, flag) => {
    const { id, port } = await listen({ certFile: files.localhost.cert, keyFile: files.localhost.key })
    const peer = client('127.0.0.1', port, [
      '-verify_return_error',
      '-CAfile',
      files.localhost.cert,
      '-servername',
      'localhost',
      flag,
    ])
    await peer.waitFor(/Verify return code: 0 \(ok\)/, 's_client to verify our certificate')
    const { tls, connectionId } = await harness.waitFor(id, 'tls')
    const types = harness.typesOf(id, connectionId)
    expect(types.indexOf('accept')).toBeLessThan(types.indexOf('tls'))
    expect(tls).toMatchObject({ protocol, servername: 'localhost', peerChain: [], verified: true })
    expect(tls.localCertificate).toMatchObject({ subject: 'CN=localhost', keyType: 'ec', keySize: 256 })
    peer.write('from s_client\n')
    expect((await harness.waitForReceived(id, 14, connectionId)).toString()).toBe('from s_client\n')
    await harness.engine.send({
      sessionId: id,
      connectionId: connectionId!,
      data: Buffer.from('from our server\n'),
    })
    await peer.waitFor(/from our server/, 's_client to print what we sent')
  })

  it('generates an EC P-256 / SHA-256 certificate for localhost, 127.0.0.1 and ::1 when given none (IPv6)', async () => {
    const { id, port } = await listen({ alpn: ['h2', 'http/1.1'] }, '::1')
    const peer = client('::1', port, ['-alpn', 'http/1.1', '-servername', 'example.test'])
    await peer.waitFor(/ALPN protocol: http\/1.1/, 's_client to agree on ALPN')
    const { tls } = await harness.waitFor(id, 'tls')
    expect(tls.alpn).toBe('http/1.1')
    expect(tls.servername).toBe('example.test')
    expect(tls.localCertificate).toMatchObject({
      subject: 'CN=localhost',
      selfSigned: true,
      keyType: 'ec',
      keySize: 256,
      signatureAlgorithm: 'ECDSA with SHA-256',
      subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1'],
    })
    expect(peer.output()).toMatch(/Peer signature type: ECDSA/)
  })

  it('with a required client certificate, lets in a client that has one and refuses one without', async () => {
    const { id, port } = await listen({ requestCert: 'required', caFiles: [files.client.cert] })
    const withCertificate = client('127.0.0.1', port, ['-cert', files.client.cert, '-key', files.client.key])
    await withCertificate.waitFor(/CONNECTED/, 's_client to connect')
    const { tls } = await harness.waitFor(id, 'tls')
    expect(tls.verified).toBe(true)
    expect(tls.peerChain[0]).toMatchObject({ subject: 'CN=workbench-client' })

    const without = client('127.0.0.1', port, ['-tls1_2'])
    await without.exited
    const error = await harness.waitFor(id, 'error')
    expect(error.error.code).toBe('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE')
    expect(error.error.message).toBe(
      'client certificate step: the client sent no certificate, and this server requires one',
    )
    await harness.waitFor(id, 'close', (event) => event.connectionId === error.connectionId)
    expect(harness.engine.get(id).state).toBe('listening')
  })

  it('with an optional client certificate, lets a client in without one and says so', async () => {
    const { id, port } = await listen({ requestCert: 'optional' })
    const peer = client('127.0.0.1', port, [])
    await peer.waitFor(/CONNECTED/, 's_client to connect')
    const { tls } = await harness.waitFor(id, 'tls')
    expect(tls.verified).toBe(false)
    expect(tls.problem?.code).toBe('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE')
  })
})

needs('ncat').describe('TLS server against ncat --ssl --ssl-verify', () => {
  it('is verified by ncat and echoes nothing it was not sent', async () => {
    const { id, port } = await listen({ certFile: files.localhost.cert, keyFile: files.localhost.key })
    const peer = await ncatTlsClient(port, files.localhost.cert)
    peers.push(peer)
    const { connectionId } = await harness.waitFor(id, 'tls')
    peer.write('hello from ncat\n')
    expect((await harness.waitForReceived(id, 16, connectionId)).toString()).toBe('hello from ncat\n')
    await harness.engine.send({
      sessionId: id,
      connectionId: connectionId!,
      data: Buffer.from('back\n'),
    })
    await within(peer.stdout.waitForBytes(5), 'ncat to print our answer')
    expect(peer.stdout.bytes.toString()).toBe('back\n')
  })
})

describe('TLS server refusals', () => {
  it('closing the session ends a handshake still waiting, as closed by the server', async () => {
    const { id, port } = await listen({})
    const socket = connect({ host: '127.0.0.1', port })
    socket.on('error', () => undefined)
    await once(socket, 'connect')
    await harness.waitFor(id, 'accept')
    expect(harness.engine.get(id).stats.openConnections).toBe(1)
    await harness.engine.close(id)
    const closed = await harness.waitFor(id, 'close', (event) => event.connectionId === 'c1')
    expect(closed.cause).toBe('server-closed')
    expect(harness.engine.get(id).state).toBe('closed')
    socket.destroy()
  })

  it('reports a plaintext HTTP client on its connection and keeps listening', async () => {
    const { id, port } = await listen({})
    const socket = connect({ host: '127.0.0.1', port })
    socket.on('error', () => undefined)
    await once(socket, 'connect')
    socket.write('GET / HTTP/1.0\r\n\r\n')
    const error = await harness.waitFor(id, 'error')
    expect(error.error.code).toBe('ERR_SSL_HTTP_REQUEST')
    expect(error.error.message).toBe('the client spoke plain HTTP to this TLS port')
    expect(error.connectionId).toBe('c1')
    await harness.waitFor(id, 'close', (event) => event.connectionId === 'c1')
    expect(harness.engine.get(id).state).toBe('listening')
    socket.destroy()
  })
})
