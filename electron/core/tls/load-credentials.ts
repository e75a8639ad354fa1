import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto'
import { createSecureContext, type SecureContextOptions } from 'node:tls'
import type { TlsClientOptions, TlsServerOptions } from '../../shared'
import { credentialError, readCredentialFile, type CredentialRole } from './credential-files'

/** What Node's tls options take, read from the files the options name. Never logged, never sent anywhere. */
export type TlsCredentials = Pick<SecureContextOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase'>

type Identity = Pick<TlsClientOptions, 'certFile' | 'keyFile' | 'pfxFile' | 'passphraseFile'>

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g

function pemBlocks(text: string): Array<{ label: string; pem: string }> {
  return [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1]!, pem: match[0] }))
}

/** Every certificate in a PEM file, each parsed, so a damaged one is refused here and not in the handshake. */
function parseCertificates(role: CredentialRole, path: string, bytes: Buffer): string[] {
  const blocks = pemBlocks(bytes.toString('latin1')).filter((block) => block.label === 'CERTIFICATE')
  if (blocks.length === 0)
    throw credentialError(role, path, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)')
  for (const block of blocks) {
    try {
      new X509Certificate(block.pem)
    } catch {
      throw credentialError(role, path, 'holds a PEM block that is not a valid certificate')
    }
  }
  return blocks.map((block) => block.pem)
}

function parseKey(path: string, bytes: Buffer, passphrase: string | undefined): KeyObject {
  const keyBlock = pemBlocks(bytes.toString('latin1')).find((block) => block.label.endsWith('PRIVATE KEY'))
  if (keyBlock === undefined)
    throw credentialError('key file', path, 'holds no PEM private key (-----BEGIN … PRIVATE KEY-----)')
  try {
    return createPrivateKey(passphrase === undefined ? keyBlock.pem : { key: keyBlock.pem, passphrase })
  } catch (thrown) {
    const code = (thrown as { code?: string }).code
    if (code === 'ERR_MISSING_PASSPHRASE')
      throw credentialError('key file', path, 'is encrypted: give a passphrase file')
    throw credentialError(
      'key file',
      path,
      passphrase === undefined
        ? 'holds a private key that cannot be read'
        : 'cannot be decrypted with that passphrase',
    )
  }
}

async function readPassphrase(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined
  const text = (await readCredentialFile('passphrase file', path)).toString('utf8')
  // As openssl's -passin file: the first line, without its line ending.
  return text.split(/\r?\n/, 1)[0]
}

async function loadIdentity(identity: Identity): Promise<TlsCredentials> {
  const passphrase = await readPassphrase(identity.passphraseFile)
  if (identity.pfxFile !== undefined) {
    const pfx = await readCredentialFile('PFX file', identity.pfxFile)
    try {
      createSecureContext({ pfx, passphrase })
    } catch {
      throw credentialError(
        'PFX file',
        identity.pfxFile,
        'cannot be opened: it is not a PKCS#12 file, or the passphrase is wrong',
      )
    }
    return passphrase === undefined ? { pfx } : { pfx, passphrase }
  }
  if (identity.certFile === undefined || identity.keyFile === undefined) return {}
  const certificates = parseCertificates(
    'certificate file',
    identity.certFile,
    await readCredentialFile('certificate file', identity.certFile),
  )
  const keyBytes = await readCredentialFile('key file', identity.keyFile)
  const key = parseKey(identity.keyFile, keyBytes, passphrase)
  if (!new X509Certificate(certificates[0]!).checkPrivateKey(key)) {
    throw credentialError(
      'key file',
      identity.keyFile,
      `does not belong to the certificate in ${identity.certFile}`,
    )
  }
  return passphrase === undefined
    ? { cert: certificates.join('\n'), key: keyBytes }
    : { cert: certificates.join('\n'), key: keyBytes, passphrase }
}

/**
 * The CA files, plus NODE_EXTRA_CA_CERTS: Node adds that file to its bundled list itself, but drops both as soon as
 * `ca` is given, and a user who set it expects it to count.
 */
async function loadCaFiles(paths: readonly string[]): Promise<TlsCredentials> {
  if (paths.length === 0) return {}
  const ca: string[] = []
  for (const path of paths)
    ca.push(...parseCertificates('CA file', path, await readCredentialFile('CA file', path)))
  const extra = process.env.NODE_EXTRA_CA_CERTS
  if (extra !== undefined && extra !== '') {
    ca.push(
      ...parseCertificates(
        'NODE_EXTRA_CA_CERTS file',
        extra,
        await readCredentialFile('NODE_EXTRA_CA_CERTS file', extra),
      ),
    )
  }
  return { ca }
}

/** A client's trust anchors and optional certificate, checked before any socket is opened. */
export async function loadClientCredentials(tls: TlsClientOptions): Promise<TlsCredentials> {
  return { ...(await loadCaFiles(tls.caFiles)), ...(await loadIdentity(tls)) }
}

/** A server's certificate (empty when none is named: the caller generates one) and its client CAs. */
export async function loadServerCredentials(tls: TlsServerOptions): Promise<TlsCredentials> {
  return { ...(await loadCaFiles(tls.caFiles)), ...(await loadIdentity(tls)) }
}

export const hasIdentity = (credentials: TlsCredentials): boolean =>
  credentials.pfx !== undefined || credentials.cert !== undefined
