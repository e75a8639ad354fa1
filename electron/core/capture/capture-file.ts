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

/**
 * How often a running capture is flushed to disk (fsync). Written records reach the OS at once; this bounds what a
 * power loss or OS crash can take (a killed app loses nothing the OS already has). The file is flushed on close too.
 */
export const CAPTURE_SYNC_INTERVAL_MS = 5_000

/**
 * Creates the folder if needed and a new file in it ('wx': an existing file is never overwritten). The stream
 * flushes the file to disk every `syncIntervalMs` and before it closes; a failed flush fails the stream.
 */
export async function openCaptureFile(
  path: string,
  dir: string,
  syncIntervalMs = CAPTURE_SYNC_INTERVAL_MS,
): Promise<Writable> {
  await mkdir(dir, { recursive: true })
  const handle = await open(path, 'wx')
  const stream = createWriteStream(path, { fd: handle, flush: true })
  const timer = setInterval(() => {
    handle.sync().catch((error: unknown) => {
      if (!stream.destroyed) stream.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  }, syncIntervalMs)
  // A pending flush must not keep the process alive; the stream's own close flushes the end.
  timer.unref()
  stream.once('close', () => clearInterval(timer))
  return stream
}
