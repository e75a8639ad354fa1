import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSelfSigned } from '../../../electron/core/tls'

export interface PemFiles {
  cert: string
  key: string
}

export interface TlsFixtures {
  dir: string
  /** Self-signed for localhost, 127.0.0.1, ::1 (our generator). */
  localhost: PemFiles
  /** Self-signed, valid 2020-01-01 to 2021-01-01. */
  expired: PemFiles
  /** Self-signed, valid from ten years on. */
  notYetValid: PemFiles
  /** A client certificate (self-signed). */
  client: PemFiles
  /** A CA made by openssl, and a leaf for localhost it signed (the leaf file holds the leaf only). */
  ca: PemFiles
  caSigned: PemFiles
  remove(): void
}

async function writePair(
  dir: string,
  name: string,
  request: Parameters<typeof generateSelfSigned>[0],
): Promise<PemFiles> {
  const pair = await generateSelfSigned(request)
  const files = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) }
  writeFileSync(files.cert, pair.certificatePem)
  writeFileSync(files.key, pair.keyPem)
  return files
}

/** A CA and a leaf it signed, both made by openssl (not by the code under test). */
function opensslChain(dir: string): { ca: PemFiles; caSigned: PemFiles } {
  const ca = { cert: join(dir, 'ca.pem'), key: join(dir, 'ca.key') }
  const caSigned = { cert: join(dir, 'leaf.pem'), key: join(dir, 'leaf.key') }
  const request = join(dir, 'leaf.csr')
  const extensions = join(dir, 'leaf.ext')
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      ca.key,
      '-out',
      ca.cert,
      '-days',
      '30',
      '-subj',
      '/CN=Workbench Test CA',
    ],
    { stdio: 'ignore' },
  )
  execFileSync(
    'openssl',
    ['req', '-new', ...ec, '-keyout', caSigned.key, '-out', request, '-subj', '/CN=localhost'],
    { stdio: 'ignore' },
  )
  writeFileSync(extensions, 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n')
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      request,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-CAcreateserial',
      '-out',
      caSigned.cert,
      '-days',
      '30',
      '-extfile',
      extensions,
    ],
    { stdio: 'ignore' },
  )
  return { ca, caSigned }
}

export async function createTlsFixtures(): Promise<TlsFixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-tls-'))
  const year = 365 * 86_400_000
  return {
    dir,
    localhost: await writePair(dir, 'localhost', {}),
    expired: await writePair(dir, 'expired', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    }),
    notYetValid: await writePair(dir, 'future', {
      notBefore: new Date(Date.now() + 10 * year),
      notAfter: new Date(Date.now() + 11 * year),
    }),
    client: await writePair(dir, 'client', { name: 'workbench-client' }),
    ...opensslChain(dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
