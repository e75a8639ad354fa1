import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Writable } from 'node:stream'

/** Where captures go when the transport names no folder. Durable (not tmp): a recording is the user's data. */
export function defaultCaptureDir(home: string = homedir()): string {
  return join(home, 'socket-workbench-captures')
}

/** `session-<id>-<time>-<random>.jsonl`: sortable by time, never guessed from outside, safe on every OS. */
export function captureFileName(
  sessionId: string,
  now: Date,
  random: string = randomBytes(3).toString('hex'),
): string {
  const id = sessionId.replace(/[^A-Za-z0-9_-]/g, '_')
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  return `session-${id}-${stamp}-${random}.jsonl`
}

/** Creates the folder if needed and a new file in it ('wx': an existing file is never overwritten). */
export async function openCaptureFile(path: string, dir: string): Promise<Writable> {
  await mkdir(dir, { recursive: true })
  const handle = await open(path, 'wx')
  return createWriteStream(path, { fd: handle })
}
