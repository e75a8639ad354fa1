import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'

const BLOCK = 512

/** A NUL-terminated string field of a tar header or a GNU long-name body. */
const text = (bytes: Buffer): string => bytes.toString('utf8').replace(/\0[\s\S]*$/, '')

/**
 * The entry names of a .tar.gz, read in-process (a `tar` program's path handling differs per OS).
 * Understands ustar prefixes, GNU long names ('L') and pax 'path' records ('x').
 */
export async function listTarGz(file: string): Promise<string[]> {
  const data = gunzipSync(await readFile(file))
  const names: string[] = []
  let nextName: string | null = null
  for (let offset = 0; offset + BLOCK <= data.length;) {
    const header = data.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8)
    const body = data.subarray(offset + BLOCK, offset + BLOCK + size)
    const type = String.fromCharCode(header[156] ?? 0)
    if (type === 'L') nextName = text(body)
    else if (type === 'x') nextName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? null
    else if (type !== 'g') {
      const prefix = text(header.subarray(345, 500))
      const name = text(header.subarray(0, 100))
      names.push(nextName ?? (prefix ? `${prefix}/${name}` : name))
      nextName = null
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK
  }
  return names
}
