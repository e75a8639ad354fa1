import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateSelfSigned } from '../../core/tls'
import { hostSchema } from '../../shared'
import { CliError, usageError } from '../cli-errors'
import type { CertLine } from '../command-line'
import { ExitCode } from '../exit-codes'
import type { OutputStreams } from '../output'

/** File names are made from the host name: anything but these characters becomes '_'. */
const safeFileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_')

/**
 * `cert --out DIR [--name HOST]`: a self-signed certificate (EC P-256, SHA-256) for HOST with 127.0.0.1 and ::1,
 * written as HOST.pem and HOST.key (the key readable by its owner only). Existing files are never replaced.
 */
export async function runCert(line: CertLine, streams: OutputStreams): Promise<ExitCode> {
  const name = hostSchema.safeParse(line.name)
  if (!name.success) throw usageError(`--name: ${name.error.issues[0]!.message}`)
  const pair = await generateSelfSigned({ name: name.data })
  const certFile = join(line.out, `${safeFileName(name.data)}.pem`)
  const keyFile = join(line.out, `${safeFileName(name.data)}.key`)
  try {
    await mkdir(line.out, { recursive: true })
    await writeFile(certFile, pair.certificatePem, { flag: 'wx' })
    await writeFile(keyFile, pair.keyPem, { flag: 'wx', mode: 0o600 })
  } catch (thrown) {
    const code = (thrown as { code?: string }).code ?? 'EIO'
    const why = code === 'EEXIST' ? 'already exists (it is not replaced)' : `cannot be written (${code})`
    throw new CliError(
      code,
      `--out ${line.out}: ${code === 'EEXIST' ? 'a certificate for that name' : 'the folder'} ${why}`,
      ExitCode.usage,
    )
  }
  if (line.json)
    streams.stdout.write(
      `${JSON.stringify({ type: 'cert', name: name.data, cert: certFile, key: keyFile })}\n`,
    )
  else
    streams.stderr.write(`wrote ${certFile} and ${keyFile} (self-signed for ${name.data}, 127.0.0.1, ::1)\n`)
  return ExitCode.done
}
