import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCaptureFile } from '../../../electron/core/capture/capture-file'

// A capture is the user's record of the traffic: flushed to disk (fsync) at intervals while it runs, and before
// its file is closed.

/** FileHandle is not exported by node:fs/promises; its prototype is reached through a handle. */
async function fileHandlePrototype(dir: string): Promise<{ sync: () => Promise<void> }> {
  const handle = await open(join(dir, 'probe'), 'w')
  await handle.close()
  return Object.getPrototypeOf(handle) as { sync: () => Promise<void> }
}

describe('capture file durability', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-sync-'))
  })

  afterEach(async () => {
    vi.restoreAllMocks()
    await rm(dir, { recursive: true, force: true })
  })

  it('flushes the file to disk while it is written, and once more before it closes', async () => {
    const prototype = await fileHandlePrototype(dir)
    const realSync = prototype.sync
    let syncs = 0
    let onSync: () => void = () => undefined
    vi.spyOn(prototype, 'sync').mockImplementation(function (this: unknown) {
      syncs += 1
      onSync()
      return realSync.call(this)
    })
    const path = join(dir, 'capture.jsonl')
    const stream = await openCaptureFile(path, dir, 20)
    stream.write('{"record":1}\n')
    await new Promise<void>((resolve) => (onSync = resolve))
    const whileRunning = syncs
    expect(whileRunning).toBeGreaterThanOrEqual(1)

    const closed = new Promise<void>((resolve) => stream.once('close', resolve))
    let syncsAtClose = 0
    stream.once('close', () => (syncsAtClose = syncs))
    stream.end('{"record":2}\n')
    await closed
    expect(syncsAtClose).toBeGreaterThan(whileRunning)
    expect(await readFile(path, 'utf8')).toBe('{"record":1}\n{"record":2}\n')
  })

  it('fails the stream when a flush fails, so the capture stops with the error', async () => {
    const prototype = await fileHandlePrototype(dir)
    vi.spyOn(prototype, 'sync').mockRejectedValue(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
    const stream = await openCaptureFile(join(dir, 'capture.jsonl'), dir, 20)
    const [error] = (await new Promise((resolve) => stream.once('error', (...args) => resolve(args)))) as [
      NodeJS.ErrnoException,
    ]
    expect(error.code).toBe('EIO')
  })
})
