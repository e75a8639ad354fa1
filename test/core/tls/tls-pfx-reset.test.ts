import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { OwnErrorCode } from '../../../electron/shared'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { createTlsFixtures, type TlsFixtures } from './tls-fixtures'

// A server identity from a PKCS#12 bundle (made by openssl) unlocked by a passphrase file, and a reset of a TLS
// connection (a TLS socket has no RST of its own: it goes to the TCP socket beneath).

let files: TlsFixtures
let harness: EngineHarness
let pfx: string
let passphrase: string
let wrongPassphrase: string

beforeAll(async () => {
  files = await createTlsFixtures()
  pfx = join(files.dir, 'server.p12')
  passphrase = join(files.dir, 'pass.txt')
  wrongPassphrase = join(files.dir, 'wrong.txt')
  writeFileSync(passphrase, 'correct horse\n')
  writeFileSync(wrongPassphrase, 'battery staple\n')
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    files.localhost.cert,
    '-inkey',
    files.localhost.key,
    '-out',
    pfx,
    '-passout',
    `file:${passphrase}`,
  ])
})
afterAll(() => files.remove())
afterEach(() => harness.dispose())

needs('openssl').describe('PFX and reset', () => {
  it('serves with a PFX unlocked by its passphrase file; a reset ends the connection on both sides', async () => {
    harness = new EngineHarness()
    const server = await harness.openRequest({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      tls: { pfxFile: pfx, passphraseFile: passphrase },
    })
    const client = await harness.openRequest({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: server.port,
      tls: { caFiles: [files.localhost.cert] },
    })
    const { tls, connectionId } = await harness.waitFor(server.id, 'tls')
    expect(tls.localCertificate?.subject).toBe('CN=localhost')
    await harness.waitFor(client.id, 'tls')
    await harness.engine.disconnect({ sessionId: client.id, mode: 'reset' })
    // Ours is an abortive close ('aborted'); a TLS socket's own resetAndDestroy() would have thrown instead.
    const ours = await harness.waitFor(client.id, 'close', (event) => event.scope === 'session')
    expect(ours.cause).toBe('aborted')
    const closed = await harness.waitFor(server.id, 'close', (event) => event.connectionId === connectionId)
    expect(['reset', 'peer', 'error']).toContain(closed.cause)
  })

  it('refuses a PFX with the wrong passphrase before listening', async () => {
    harness = new EngineHarness()
    const failure = await harness
      .openRequest({
        kind: 'tcp-server',
        host: '127.0.0.1',
        port: 0,
        tls: { pfxFile: pfx, passphraseFile: wrongPassphrase },
      })
      .catch((error: { code: string; message: string }) => error)
    expect(failure).toMatchObject({ code: OwnErrorCode.tlsCredentials })
    expect((failure as { message: string }).message).toContain('the passphrase is wrong')
  })
})
