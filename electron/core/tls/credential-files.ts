import { open } from 'node:fs/promises'
import { CodedError, OwnErrorCode } from '../../shared'

/** No certificate, key, bundle or CA list is this big; a larger file is a mistake (or an attack), not read. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024

/** What a file is for, as the user named it in the form or on the command line. */
export type CredentialRole =
  'certificate file' | 'key file' | 'PFX file' | 'passphrase file' | 'CA file' | 'NODE_EXTRA_CA_CERTS file'

export const credentialError = (role: CredentialRole, path: string, why: string): CodedError =>
  new CodedError(OwnErrorCode.tlsCredentials, `the ${role} ${path} ${why}`)

const systemReasons: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  EISDIR: 'is a directory, not a file',
  ELOOP: 'is a symbolic link loop',
  ENAMETOOLONG: 'has a name that is too long',
}

/**
 * Reads one credential file whole, refusing directories, devices and anything over the size cap. The size is
 * checked on the open file (not a path looked up twice), and never more than the cap plus one byte is read.
 */
export async function readCredentialFile(role: CredentialRole, path: string): Promise<Buffer> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (thrown) {
    const code = (thrown as { code?: string }).code ?? ''
    throw credentialError(role, path, systemReasons[code] ?? `cannot be opened (${code || 'unknown error'})`)
  }
  try {
    const stats = await handle.stat()
    if (stats.isDirectory()) throw credentialError(role, path, 'is a directory, not a file')
    if (!stats.isFile()) throw credentialError(role, path, 'is not a regular file')
    if (stats.size > MAX_CREDENTIAL_FILE_BYTES) throw tooLarge(role, path)
    const buffer = Buffer.alloc(MAX_CREDENTIAL_FILE_BYTES + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > MAX_CREDENTIAL_FILE_BYTES) throw tooLarge(role, path)
    }
    return buffer.subarray(0, length)
  } catch (thrown) {
    if (thrown instanceof CodedError) throw thrown
    const code = (thrown as { code?: string }).code ?? ''
    throw credentialError(role, path, systemReasons[code] ?? `cannot be read (${code || 'unknown error'})`)
  } finally {
    await handle.close()
  }
}

const tooLarge = (role: CredentialRole, path: string): CodedError =>
  credentialError(role, path, `is larger than ${MAX_CREDENTIAL_FILE_BYTES / 1024 / 1024} MiB: not a ${role}`)
