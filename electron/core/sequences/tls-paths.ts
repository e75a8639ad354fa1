import { resolve } from 'node:path'
import type { OpenSessionRequest } from '../../shared'

// A sequence file names its TLS files (ca, cert, key) relative to itself, as send_file does: the engine gets them
// as full paths, so `socket-workbench test` reads the same files from whatever folder it runs in.

const fileKeys = ['certFile', 'keyFile', 'pfxFile', 'passphraseFile'] as const

type TlsOption = Record<string, unknown> & { caFiles?: string[] }

function resolvedTls(tls: TlsOption, baseDir: string): TlsOption {
  const resolved: TlsOption = { ...tls }
  if (tls.caFiles !== undefined) resolved.caFiles = tls.caFiles.map((path) => resolve(baseDir, path))
  for (const key of fileKeys) {
    const path = tls[key]
    if (typeof path === 'string') resolved[key] = resolve(baseDir, path)
  }
  return resolved
}

/** The request with its TLS file paths made absolute from `baseDir`; unchanged without TLS. */
export function withTlsPathsFrom(request: OpenSessionRequest, baseDir: string): OpenSessionRequest {
  if (!('tls' in request) || request.tls === undefined) return request
  return { ...request, tls: resolvedTls(request.tls as TlsOption, baseDir) } as OpenSessionRequest
}
