import { describe, expect, it } from 'vitest'
import { CaptureErrorCode, parseCapture } from '../../../electron/core/capture'
import { encodeRecord } from '../../../electron/core/capture/capture-format'
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
