import { describe, expect, it } from 'vitest'
import { CaptureErrorCode, parseCapture, streamCapture } from '../../../electron/core/capture'
import { CAPTURE_FORMAT, encodeRecord } from '../../../electron/core/capture/capture-format'
import type { SessionEvent } from '../../../electron/shared'

const received = (seq: number, data: number[]): SessionEvent => ({
  type: 'received',
  sessionId: 's1',
  seq,
  time: 1_700_000_000_000.25 + seq,
  byteLength: data.length,
  data: new Uint8Array(data),
  remote: { address: '127.0.0.1', port: 5000, family: 'IPv4' },
})

describe('capture reader', () => {
  it('turns base64 payloads back into the exact bytes, every byte value included', () => {
    const allBytes = [...Array(256).keys()]
    const events = [received(1, allBytes), received(2, allBytes.reverse()), received(3, [])]
    const { events: read, partialTail } = parseCapture(events.map(encodeRecord).join(''))
    expect(read).toEqual(events)
    expect(partialTail).toBe(0)
  })

  it('keeps non-data events as they were', () => {
    const close: SessionEvent = {
      type: 'close',
      scope: 'connection',
      cause: 'peer',
      sessionId: 's1',
      seq: 9,
      time: 5,
      connectionId: 'c1',
    }
    expect(parseCapture(encodeRecord(close)).events).toEqual([close])
  })

  it('ignores a record cut short at any point and reads everything before it', () => {
    const text = [received(1, [1, 2, 3]), received(2, [4, 5, 6])].map(encodeRecord).join('')
    const firstLineEnd = text.indexOf('\n') + 1
    for (let cut = firstLineEnd; cut < text.length; cut++) {
      const { events, partialTail } = parseCapture(text.slice(0, cut))
      expect(events.map((event) => event.seq)).toEqual([1])
      expect(partialTail).toBe(cut - firstLineEnd)
    }
  })

  it('refuses a complete line that is not a record, naming the line', () => {
    const text = `${encodeRecord(received(1, [1]))}not json\n`
    expect(() => parseCapture(text)).toThrow(
      expect.objectContaining({ code: CaptureErrorCode.format, message: expect.stringContaining('Line 2') }),
    )
  })
})

describe('streamCapture', () => {
  it('yields the header and every event of a file in order, and leaves out a record cut short', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'capture-stream-'))
    const path = join(dir, 'cut.jsonl')
    // 3,000 records of 1 KiB each span many read chunks (64 KiB), so lines are joined across chunks.
    const events = Array.from({ length: 3_000 }, (_, index) =>
      received(index + 1, Array(1024).fill(index % 256)),
    )
    const header = JSON.stringify({ format: CAPTURE_FORMAT, version: 1 })
    const whole = `${header}\n${events.map(encodeRecord).join('')}`
    await writeFile(path, whole.slice(0, whole.length - 10))
    try {
      const seen: number[] = []
      let headers = 0
      for await (const record of streamCapture(path)) {
        if (record.kind === 'header') headers++
        else seen.push(record.event.seq)
      }
      expect(headers).toBe(1)
      expect(seen).toEqual(events.slice(0, -1).map((event) => event.seq))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
