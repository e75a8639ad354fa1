import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { needs } from '../helpers/system-tools'
import { opensslClient, opensslServer, type TlsPeer } from '../helpers/tls-peers'
import { announcedPort, runCliToEnd, startCli, stopAllCli } from './cli-process'

// --tls on connect and listen, and `cert`, run as the built program against openssl s_server / s_client.

let dir: string
let cert: string
let key: string
const peers: TlsPeer[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-cli-tls-'))
  const made = await runCliToEnd(['cert', '--out', dir, '--json'])
  expect(made.code, made.stderr).toBe(0)
  ;({ cert, key } = JSON.parse(made.stdout.toString()) as { cert: string; key: string })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  await stopAllCli()
  await Promise.all(peers.splice(0).map((peer) => peer.stop()))
})

needs('openssl').describe('socket-workbench --tls', () => {
  it('cert writes a P-256 certificate for localhost, 127.0.0.1 and ::1 that openssl reads, and a private key file', () => {
    const text = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-text']).toString()
    expect(text).toContain('ecdsa-with-SHA256')
    expect(text).toContain('NIST CURVE: P-256')
    expect(text).toMatch(/DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/)
    expect(execFileSync('openssl', ['pkey', '-in', key, '-noout', '-check']).toString()).toContain('valid')
    expect(statSync(key).mode & 0o077).toBe(0)
  })

  it('cert refuses to replace existing files (exit 2)', async () => {
    const again = await runCliToEnd(['cert', '--out', dir])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/^socket-workbench: EEXIST: .*already exists/)
  })

  it('connect --tls --json prints a tls line with the chain, and the server’s answer', async () => {
    const { peer, port } = await opensslServer('127.0.0.1', cert, key)
    peers.push(peer)
    const cli = startCli([
      'connect',
      '127.0.0.1',
      String(port),
      '--tls',
      '--ca',
      cert,
      '--json',
      '--keep-open',
    ])
    const tls = await cli.waitForJson((line) => line.type === 'tls', 'the tls line')
    expect(tls).toMatchObject({
      session: 's1',
      protocol: 'TLSv1.3',
      verified: true,
      peerChain: [expect.objectContaining({ subject: 'CN=localhost', keyType: 'ec' })],
    })
    expect(JSON.stringify(tls)).not.toContain('PRIVATE')
    peer.write('hello cli\n')
    const received = await cli.waitForJson((line) => line.type === 'received', 'the received line')
    expect(received.hex).toBe(Buffer.from('hello cli\n').toString('hex'))
  })

  it('connect --tls --max-tls 1.2 settles on TLS 1.2; --min-tls 1.3 against a TLS 1.2-only server fails, exit 3', async () => {
    const { peer, port } = await opensslServer('127.0.0.1', cert, key)
    peers.push(peer)
    const capped = startCli([
      'connect',
      '127.0.0.1',
      String(port),
      '--tls',
      '--ca',
      cert,
      '--max-tls',
      '1.2',
      '--json',
      '-k',
    ])
    const tls = await capped.waitForJson((line) => line.type === 'tls', 'the tls line')
    expect(tls.protocol).toBe('TLSv1.2')
    await stopAllCli()
    const old = await opensslServer('127.0.0.1', cert, key, ['-tls1_2'])
    peers.push(old.peer)
    const refused = await runCliToEnd([
      'connect',
      '127.0.0.1',
      String(old.port),
      '--tls',
      '--ca',
      cert,
      '--min-tls',
      '1.3',
    ])
    expect(refused.code).toBe(3)
    expect(refused.stderr.toString()).toMatch(/version|protocol/i)
  })

  it('connect --tls --chain-only lets in a trusted certificate for another name; without it the name is refused', async () => {
    const { peer, port } = await opensslServer('127.0.0.1', cert, key)
    peers.push(peer)
    const wrongName = [
      'connect',
      '127.0.0.1',
      String(port),
      '--tls',
      '--ca',
      cert,
      '--servername',
      'other.example',
    ]
    const refused = await runCliToEnd(wrongName)
    expect(refused.code).toBe(3)
    expect(refused.stderr.toString()).toContain('ERR_TLS_CERT_ALTNAME_INVALID')
    const chainOnly = startCli([...wrongName, '--chain-only', '--json', '-k'])
    const tls = await chainOnly.waitForJson((line) => line.type === 'tls', 'the tls line')
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/)
    // The chain verified; the name is not judged in this mode.
    expect(tls).toMatchObject({ verified: true, servername: 'other.example' })
  })

  it('listen --tls --pfx serves the certificate of a PKCS#12 bundle whose passphrase is in a file', async () => {
    const pfx = join(dir, 'server.p12')
    const passphrase = join(dir, 'pass.txt')
    writeFileSync(passphrase, 'secret words\n')
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      cert,
      '-inkey',
      key,
      '-out',
      pfx,
      '-passout',
      'pass:secret words',
    ])
    const cli = startCli([
      'listen',
      '0',
      '--tls',
      '--pfx',
      pfx,
      '--passphrase-file',
      passphrase,
      '--echo',
      '--json',
    ])
    const listen = await cli.waitForJson((line) => line.type === 'listen', 'the listen line')
    const port = Number(String(listen.local).split(':').at(-1))
    const client = opensslClient('127.0.0.1', port, [
      '-CAfile',
      cert,
      '-verify_return_error',
      '-servername',
      'localhost',
    ])
    peers.push(client)
    await client.waitFor(/Verify return code: 0 \(ok\)/, "s_client to verify the bundle's certificate")
    client.write('over pfx\n')
    await client.waitFor(/^over pfx$/m, 'the echo at s_client')
  })

  it('connect --tls to a self-signed server fails with its code and sentence, exit 3; --insecure opens', async () => {
    const { peer, port } = await opensslServer('127.0.0.1', cert, key)
    peers.push(peer)
    const refused = await runCliToEnd(['connect', '127.0.0.1', String(port), '--tls'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain(
      'socket-workbench: DEPTH_ZERO_SELF_SIGNED_CERT: the certificate of CN=localhost is self-signed, and nothing here trusts it',
    )
    const insecure = startCli(['connect', '127.0.0.1', String(port), '--tls', '--insecure', '--keep-open'])
    await insecure.waitForStderr(/^tls TLSv1\.3 .*not verified: DEPTH_ZERO_SELF_SIGNED_CERT/m, 'the tls line')
  })

  it('listen --tls with a generated certificate: openssl s_client connects and is echoed', async () => {
    const cli = startCli(['listen', '0', '--tls', '--echo'])
    const port = await announcedPort(cli, 'listening on')
    const client = opensslClient('127.0.0.1', port, ['-servername', 'localhost'])
    peers.push(client)
    await cli.waitForStderr(
      /^tls TLSv1\.3 \S+ \(127\.0\.0\.1:\d+\), SNI localhost, own certificate CN=localhost/m,
      'the tls line',
    )
    client.write('echo me\n')
    // s_client prints what arrives, never what it sends: the line is our echo.
    await client.waitFor(/^echo me$/m, 's_client to get its echo')
  })

  it('listen --tls --request-cert refuses a client without a certificate on its connection', async () => {
    const cli = startCli(['listen', '0', '--tls', '--request-cert', '--ca', cert, '--json'])
    const listen = await cli.waitForJson((line) => line.type === 'listen', 'the listen line')
    const port = Number(String(listen.local).split(':').at(-1))
    const client = opensslClient('127.0.0.1', port, ['-tls1_2'])
    peers.push(client)
    const error = await cli.waitForJson((line) => line.type === 'error', 'the error line')
    expect(error).toMatchObject({ connection: 'c1', code: 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE' })
  })

  it('refuses TLS options without --tls, --tls with --udp, and a directory as CA file (exit 2)', async () => {
    const [stray, udp, directory] = await Promise.all([
      runCliToEnd(['connect', '127.0.0.1', '9', '--insecure']),
      runCliToEnd(['connect', '127.0.0.1', '9', '--tls', '--udp']),
      runCliToEnd(['connect', '127.0.0.1', '9', '--tls', '--ca', dir]),
    ])
    expect(stray).toMatchObject({ code: 2, stderr: 'socket-workbench: ERR_USAGE: --insecure needs --tls\n' })
    expect(udp.code).toBe(2)
    expect(directory.code).toBe(2)
    expect(directory.stderr).toContain(`ERR_TLS_CREDENTIALS: the CA file ${dir} is a directory, not a file`)
  })
})
