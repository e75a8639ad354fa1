import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CaptureErrorCode, createCaptureWriter } from '../../../electron/core/capture'

const line = (n: number): string => `${JSON.stringify({ n, pad: 'x'.repeat(100) })}\n`

/** A disk that takes `chunksPerTurn` chunks, then holds the rest until released. */
class SlowDisk extends Writable {
  readonly chunks: string[] = []
  private held: (() => void)[] = []

  constructor() {
    super({ highWaterMark: 1024 })
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(String(chunk))
    this.held.push(() => callback())
  }

  release(): void {
    const held = this.held
    this.held = []
    for (const done of held) done()
  }
}

class FailingDisk extends Writable {
  constructor(private readonly code: string) {
    super()
  }

  override _write(
    _chunk: unknown,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    callback(Object.assign(new Error(`${this.code}: simulated`), { code: this.code }))
  }
}

describe('capture writer', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-writer-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes every line, in order, to a real file and counts events and bytes on disk', async () => {
    const path = join(dir, 'lines.jsonl')
    const writer = createCaptureWriter({ stream: createWriteStream(path), path })
    writer.writeHeader('{"header":true}\n')
    const expected = ['{"header":true}\n']
    for (let n = 0; n < 20_000; n++) {
      expect(writer.write(line(n))).toBe(true)
      expected.push(line(n))
    }
    const progress = await writer.close()
    const text = await readFile(path, 'utf8')
    expect(text).toBe(expected.join(''))
    expect(progress).toEqual({ events: 20_000, bytes: Buffer.byteLength(text) })
    expect(writer.failure).toBeUndefined()
  })

  it('holds lines while the stream says no, hands them over on drain', async () => {
    const disk = new SlowDisk()
    const writer = createCaptureWriter({ stream: disk, path: 'slow.jsonl' })
    for (let n = 0; n < 3_000; n++) writer.write(line(n))
    await new Promise((resolve) => setImmediate(resolve))
    // One chunk went out and the stream is over its mark: nothing more is pushed until it drains.
    const handedOver = disk.chunks.length
    expect(disk.writableNeedDrain).toBe(true)
    for (let n = 3_000; n < 3_010; n++) writer.write(line(n))
    await new Promise((resolve) => setImmediate(resolve))
    expect(disk.chunks.length).toBe(handedOver)
    const closing = writer.close()
    const releaseUntilClosed = setInterval(() => disk.release(), 1)
    const progress = await closing.finally(() => clearInterval(releaseUntilClosed))
    const lines = disk.chunks.join('').split('\n').filter(Boolean)
    expect(lines.map((text) => (JSON.parse(text) as { n: number }).n)).toEqual([...Array(3_010).keys()])
    expect(progress.events).toBe(3_010)
  })

  it('stops with ECAPTURE_OVERRUN past its queue bound, keeping every record it accepted', async () => {
    const disk = new SlowDisk()
    const failures: string[] = []
    const writer = createCaptureWriter({
      stream: disk,
      path: 'overrun.jsonl',
      maxQueuedBytes: 64 * 1024,
      onFailure: (error) => failures.push(error.code),
    })
    let accepted = 0
    while (writer.write(line(accepted))) {
      accepted++
      if (accepted % 1000 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(writer.failure?.code).toBe(CaptureErrorCode.overrun)
    expect(writer.failure?.message).toContain(`after ${accepted} events`)
    expect(failures).toEqual([CaptureErrorCode.overrun])
    expect(writer.write(line(-1))).toBe(false)
    const closing = writer.close()
    const releaseUntilClosed = setInterval(() => disk.release(), 1)
    const progress = await closing.finally(() => clearInterval(releaseUntilClosed))
    expect(progress.events).toBe(accepted)
    const lines = disk.chunks.join('').split('\n').filter(Boolean)
    expect(lines).toHaveLength(accepted)
  })

  it('reports a full disk (ENOSPC, simulated stream) with the count written before it', async () => {
    const writer = createCaptureWriter({ stream: new FailingDisk('ENOSPC'), path: '/captures/full.jsonl' })
    writer.write(line(1))
    const progress = await writer.close()
    expect(writer.failure?.code).toBe('ENOSPC')
    expect(writer.failure?.message).toMatch(/disk is full.*\/captures\/full\.jsonl.*0 events/)
    expect(progress.events).toBe(0)
    expect(writer.write(line(2))).toBe(false)
  })

  it('reports ENOSPC from a real device that is always full (/dev/full)', async () => {
    const writer = createCaptureWriter({ stream: createWriteStream('/dev/full'), path: '/dev/full' })
    for (let n = 0; n < 10; n++) writer.write(line(n))
    await writer.close()
    expect(writer.failure?.code).toBe('ENOSPC')
  })
})
