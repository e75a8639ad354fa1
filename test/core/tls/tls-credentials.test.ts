import { once } from 'node:events'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CREDENTIAL_FILE_BYTES } from '../../../electron/core/tls'
import { encodeHeader, TLS_PLAINTEXT_NOTE } from '../../../electron/core/capture/capture-format'
import { OwnErrorCode, openSessionRequestSchema, type SessionInfo } from '../../../electron/shared'
import { EngineHarness } from '../engine/harness'
import { createTlsFixtures, type TlsFixtures } from './tls-fixtures'

// Hostile and broken credential files: each is refused with a clear coded error before any socket exists.

let files: TlsFixtures
let harness: EngineHarness
let counting: Server
let accepted = 0

beforeAll(async () => {
  files = await createTlsFixtures()
  counting = createServer((socket) => {
    accepted += 1
    socket.destroy()
  })
  counting.listen(0, '127.0.0.1')
  await once(counting, 'listening')
})
afterAll(async () => {
  files.remove()
  await new Promise((resolve) => counting.close(resolve))
})
afterEach(() => harness.dispose())

const port = (): number => (counting.address() as { port: number }).port

function hostileFiles() {
  const huge = join(files.dir, 'huge.pem')
  writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024, 0x41))
  const garbage = join(files.dir, 'garbage.pem')
  writeFileSync(garbage, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n')
  const directory = join(files.dir, 'a-directory')
  mkdirSync(directory, { recursive: true })
  return { huge, garbage, directory }
}

async function refusal(request: Parameters<EngineHarness['openRequest']>[0]) {
  harness = new EngineHarness()
  const failure = await harness.openRequest(request).then(
    () => undefined,
    (error: { code: string; message: string; sessionId: string }) => error,
  )
  expect(failure).toBeDefined()
  // Nothing was opened: no socket step, no connection reached the listener.
  expect(harness.typesOf(failure!.sessionId)).not.toContain('socket')
  expect(accepted).toBe(0)
  return failure!
}

describe('credential files', () => {
  it.each([
    [
      'a 10 MB "certificate"',
      (h: ReturnType<typeof hostileFiles>) => ({ certFile: h.huge, keyFile: files.localhost.key }),
      `is larger than ${MAX_CREDENTIAL_FILE_BYTES / 1024 / 1024} MiB`,
    ],
    [
      'a directory',
      (h: ReturnType<typeof hostileFiles>) => ({ caFiles: [h.directory] }),
      'is a directory, not a file',
    ],
    [
      'garbage PEM',
      (h: ReturnType<typeof hostileFiles>) => ({ caFiles: [h.garbage] }),
      'holds a PEM block that is not a valid certificate',
    ],
    ['a missing file', () => ({ caFiles: [join(files.dir, 'nope.pem')] }), 'does not exist'],
    [
      'a key that does not match the certificate',
      () => ({ certFile: files.localhost.cert, keyFile: files.client.key }),
      'does not belong to the certificate',
    ],
    [
      'a certificate where the key should be',
      () => ({ certFile: files.localhost.cert, keyFile: files.localhost.cert }),
      'holds no PEM private key',
    ],
  ])('a client refuses %s', async (_name, tls, words) => {
    const failure = await refusal({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: port(),
      tls: tls(hostileFiles()),
    })
    expect(failure.code).toBe(OwnErrorCode.tlsCredentials)
    expect(failure.message).toContain(words)
  })

  it('a server refuses a key that does not match its certificate and does not listen', async () => {
    const failure = await refusal({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: files.localhost.cert, keyFile: files.expired.key },
    })
    expect(failure.code).toBe(OwnErrorCode.tlsCredentials)
    expect(failure.message).toBe(
      `the key file ${files.expired.key} does not belong to the certificate in ${files.localhost.cert}`,
    )
    expect(harness.typesOf(failure.sessionId)).not.toContain('listen')
  })

  it('the request schema refuses a certificate without its key, and versions out of order', () => {
    const base = { kind: 'tcp-client', host: '127.0.0.1', port: 1 } as const
    expect(openSessionRequestSchema.safeParse({ ...base, tls: { certFile: '/x.pem' } }).success).toBe(false)
    expect(
      openSessionRequestSchema.safeParse({ ...base, tls: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' } })
        .success,
    ).toBe(false)
    expect(
      openSessionRequestSchema.safeParse({ ...base, tls: { servername: '127.0.0.1:443' } }).success,
    ).toBe(false)
    expect(openSessionRequestSchema.safeParse({ ...base, tls: { alpn: ['has space'] } }).success).toBe(false)
  })
})

describe('private keys', () => {
  it('never appear in events or session info', async () => {
    harness = new EngineHarness()
    const { id, port: serverPort } = await harness.openRequest({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: files.localhost.cert, keyFile: files.localhost.key },
    })
    const client = await harness.openRequest({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: serverPort,
      tls: { caFiles: [files.localhost.cert], certFile: files.client.cert, keyFile: files.client.key },
    })
    await harness.waitFor(id, 'tls')
    await harness.waitFor(client.id, 'tls')
    const everything = JSON.stringify([harness.events, harness.engine.list()])
    for (const keyFile of [files.localhost.key, files.client.key]) {
      const body = readFileSync(keyFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('-----'))
      for (const line of body) expect(everything).not.toContain(line)
    }
    expect(everything).not.toContain('PRIVATE KEY')
  })
})

describe('captures of a TLS session', () => {
  it('say that their payloads are plaintext', () => {
    const info = {
      id: 's1',
      kind: 'tcp-client',
      options: openSessionRequestSchema.parse({ kind: 'tcp-client', host: '127.0.0.1', port: 443, tls: {} }),
    } as unknown as SessionInfo
    const header = JSON.parse(encodeHeader(info, 0)) as { note?: string }
    expect(header.note).toBe(TLS_PLAINTEXT_NOTE)
    const plain = { ...info, options: { ...info.options, tls: undefined } } as SessionInfo
    expect(JSON.parse(encodeHeader(plain, 0))).not.toHaveProperty('note')
  })
})
