import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CAPTURE_FORMAT, createCaptureService, readCapture } from '../../../electron/core/capture'
import type { CaptureStatus } from '../../../electron/shared'
import { EventSource } from './event-source'

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('capture service', () => {
  let dir: string
  let source: EventSource

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-service-'))
    source = new EventSource()
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('records every event of its session with full payloads, all 256 byte values intact', async () => {
    const captures = createCaptureService({ engine: source, dir: join(dir, 'captures') })
    const started = await captures.start('s1')
    expect(started).toMatchObject({ sessionId: 's1', state: 'recording', events: 0 })
    expect(dirname(started.path)).toBe(join(dir, 'captures'))

    const allBytes = new Uint8Array([...Array(256).keys()])
    const big = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) & 0xff)
    source.received(allBytes)
    source.received(allBytes, 'another-session')
    source.received(big)
    const stopped = await captures.stop('s1')

    expect(stopped).toMatchObject({ state: 'stopped', events: 2, path: started.path })
    const { header, events, partialTail } = await readCapture(started.path)
    expect(header).toMatchObject({ format: CAPTURE_FORMAT, session: { id: 's1', kind: 'udp' } })
    expect(partialTail).toBe(0)
    const payloads = events.map((event) => (event.type === 'received' ? Buffer.from(event.data) : undefined))
    // Buffer equality: a deep toEqual over a MiB of elements is needlessly slow.
    expect(payloads[0]?.equals(allBytes)).toBe(true)
    expect(payloads[1]?.equals(big)).toBe(true)
    expect(events.map((event) => event.seq)).toEqual([1, 3])
    expect(source.listenerCount).toBe(0)
  })

  it("records each frame of the engine's batched 'frames' event as a frame record of its own, numbered in turn", async () => {
    const captures = createCaptureService({ engine: source, dir })
    const started = await captures.start('s1')
    const read = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    source.received(read)
    source.frames(read, [
      [0, 3],
      [3, 4],
      [4, 9],
    ])
    source.frames(read, [[0, 10]], 'another-session')
    source.received(new Uint8Array([11]))
    const stopped = await captures.stop('s1')
    expect(stopped.events).toBe(5)
    const { events } = await readCapture(started.path)
    expect(events.map((event) => [event.type, event.seq])).toEqual([
      ['received', 1],
      ['frame', 2],
      ['frame', 3],
      ['frame', 4],
      ['received', 6],
    ])
    const frames = events.filter((event) => event.type === 'frame')
    expect(frames.map((frame) => [frame.byteLength, [...frame.data]])).toEqual([
      [3, [1, 2, 3]],
      [1, [4]],
      [5, [5, 6, 7, 8, 9]],
    ])
  })

  it('finishes by itself when the session closes', async () => {
    const captures = createCaptureService({ engine: source, dir })
    await captures.start('s1')
    source.received(new Uint8Array([1]))
    source.close()
    await until(() => captures.status('s1')?.state === 'stopped', 'the capture to finish')
    const status = captures.status('s1') as CaptureStatus
    expect(status.events).toBe(2)
    expect((await readCapture(status.path)).events.map((event) => event.type)).toEqual(['received', 'close'])
  })

  it('refuses a second recording of the same session, and stop or start of what does not exist', async () => {
    const captures = createCaptureService({ engine: source, dir })
    await expect(captures.stop('s1')).rejects.toMatchObject({ code: 'ERR_SESSION_STATE' })
    await expect(captures.start('nope')).rejects.toMatchObject({ code: 'ERR_NO_SESSION' })
    expect(captures.status('s1')).toBeNull()
    await captures.start('s1')
    await expect(captures.start('s1')).rejects.toMatchObject({ code: 'ERR_SESSION_STATE' })
    const first = await captures.stop('s1')
    const second = await captures.start('s1')
    expect(second.path).not.toBe(first.path)
    await captures.dispose()
    expect(captures.status('s1')?.state).toBe('stopped')
    expect((await readdir(dir)).sort()).toHaveLength(2)
  })

  it('writes to a file named by a trusted caller (--record), making its folder, and never overwrites one', async () => {
    const captures = createCaptureService({ engine: source, dir: join(dir, 'unused') })
    const path = join(dir, 'named', 'run.jsonl')
    const started = await captures.start('s1', { path })
    expect(started.path).toBe(path)
    source.received(new Uint8Array([7]))
    await captures.stop('s1')
    expect((await readCapture(path)).events.map((event) => event.type)).toEqual(['received'])
    await expect(captures.start('s1', { path })).rejects.toMatchObject({ code: 'EEXIST', sessionId: 's1' })
    expect((await readCapture(path)).events).toHaveLength(1)
    await expect(readdir(join(dir, 'unused'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('keeps what happens while its file is being opened, in order, and finishes if the session closed meanwhile', async () => {
    let openNow!: () => void
    const opening = new Promise<void>((resolve) => (openNow = resolve))
    const path = join(dir, 'slow-disk.jsonl')
    const captures = createCaptureService({
      engine: source,
      dir,
      openFile: async (file) => {
        await opening
        return createWriteStream(file)
      },
    })
    const started = captures.start('s1', { path })
    source.received(new Uint8Array([1]))
    source.received(new Uint8Array([9]), 'another-session')
    source.received(new Uint8Array([2]))
    source.close()
    openNow()
    await started
    await until(() => captures.status('s1')?.state === 'stopped', 'the capture to finish by itself')
    const { events } = await readCapture(path)
    expect(events.map((event) => (event.type === 'received' ? [...event.data] : event.type))).toEqual([
      [1],
      [2],
      'close',
    ])
    expect(source.listenerCount).toBe(0)
  })

  it('refuses to start (ECAPTURE_OVERRUN) when more than its bound arrives while the file opens', async () => {
    let openNow!: () => void
    const opening = new Promise<void>((resolve) => (openNow = resolve))
    const captures = createCaptureService({
      engine: source,
      dir,
      maxQueuedBytes: 1_000,
      openFile: async (file) => {
        await opening
        return createWriteStream(file)
      },
    })
    const started = captures.start('s1')
    source.received(new Uint8Array(2_000))
    openNow()
    await expect(started).rejects.toMatchObject({ code: 'ECAPTURE_OVERRUN', sessionId: 's1' })
    expect(captures.status('s1')).toBeNull()
    expect(source.listenerCount).toBe(0)
  })

  it('answers a path that cannot be written with a coded error and records nothing', async () => {
    const notAFolder = join(dir, 'plain-file')
    await writeFile(notAFolder, 'x')
    const captures = createCaptureService({ engine: source, dir: join(notAFolder, 'captures') })
    await expect(captures.start('s1')).rejects.toMatchObject({
      code: 'ENOTDIR',
      sessionId: 's1',
      message: expect.stringContaining('cannot be created or used'),
    })
    expect(captures.status('s1')).toBeNull()
    expect(source.listenerCount).toBe(0)
  })

  it('stops with ENOSPC when the disk fills, saying how much was written', async () => {
    let accepted = 0
    const fillsAfterOneChunk = new Writable({
      write(_chunk, _encoding, callback) {
        if (accepted++ === 0) return callback()
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
      },
    })
    const captures = createCaptureService({ engine: source, dir, openFile: async () => fillsAfterOneChunk })
    await captures.start('s1')
    await until(() => accepted === 1, 'the header to be written')
    source.received(new Uint8Array([1, 2, 3]))
    await until(() => captures.status('s1')?.state === 'error', 'the capture to fail')
    const status = captures.status('s1') as CaptureStatus
    expect(status.error).toMatchObject({ code: 'ENOSPC', message: expect.stringContaining('disk is full') })
    expect(status.error?.message).toContain('0 events')
    expect(source.listenerCount).toBe(0)
  })
})
