import { describe, expect, it, vi } from 'vitest'
import { decodeWire, encodeWire, MAX_WEB_FRAME_BYTES } from '../../electron/shared/web-protocol'
import { Limits } from '../../electron/shared/limits'

describe('web wire format', () => {
  it('a Uint8Array survives encode and decode, nested anywhere', () => {
    const data = Uint8Array.from({ length: 256 }, (_, i) => i)
    const message = {
      id: 3,
      channel: 'send',
      payload: { sessionId: 's1', data, list: [Uint8Array.of(1, 2)] },
    }
    const decoded = decodeWire(encodeWire(message)) as typeof message
    expect(decoded.payload.data).toBeInstanceOf(Uint8Array)
    expect([...decoded.payload.data]).toEqual([...data])
    expect(decoded.payload.list[0]).toEqual(Uint8Array.of(1, 2))
    expect(decoded.id).toBe(3)
  })

  it("decodes with the runtime's own base64 decoder where there is one (Chromium's Uint8Array.fromBase64)", async () => {
    const original = Object.getOwnPropertyDescriptor(Uint8Array, 'fromBase64')
    const fromBase64 = vi.fn((text: string) => new Uint8Array(Buffer.from(text, 'base64')))
    Object.defineProperty(Uint8Array, 'fromBase64', { value: fromBase64, configurable: true })
    try {
      vi.resetModules()
      const wire = await import('../../electron/shared/web-protocol')
      expect(wire.decodeWire('{"data":{"$bytes":"3q2+7w=="}}')).toEqual({
        data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
      })
      expect(fromBase64).toHaveBeenCalledWith('3q2+7w==')
    } finally {
      if (original) Object.defineProperty(Uint8Array, 'fromBase64', original)
      else delete (Uint8Array as { fromBase64?: unknown }).fromBase64
      vi.resetModules()
    }
  })

  it('bytes travel as base64 under $bytes', () => {
    expect(encodeWire({ data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) })).toBe('{"data":{"$bytes":"3q2+7w=="}}')
  })

  it('an empty Uint8Array and a subarray view keep their exact bytes', () => {
    expect(decodeWire(encodeWire(new Uint8Array(0)))).toEqual(new Uint8Array(0))
    expect(decodeWire(encodeWire(Uint8Array.of(1, 2, 3, 4).subarray(1, 3)))).toEqual(Uint8Array.of(2, 3))
  })

  it('a payload larger than one fromCharCode slice survives', () => {
    const data = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 13) & 0xff)
    expect(Buffer.from(decodeWire(encodeWire(data)) as Uint8Array).equals(Buffer.from(data))).toBe(true)
  })

  it('objects that merely look like bytes stay objects', () => {
    const lookalikes = { a: { $bytes: 1 }, b: { $bytes: 'AA==', more: true }, c: ['$bytes'] }
    expect(decodeWire(JSON.stringify(lookalikes))).toEqual(lookalikes)
  })

  it('a frame limit allows the largest payload in base64', () => {
    expect(MAX_WEB_FRAME_BYTES).toBeGreaterThan(Math.ceil(Limits.maxPayloadBytes / 3) * 4)
  })

  it.each(['', '{', '{"id":1,', 'not json', '{"a":}'])('malformed JSON %j throws', (frame) => {
    expect(() => decodeWire(frame)).toThrow(SyntaxError)
  })

  it.each(['!!!!', 'A', 'AB=C'])('malformed base64 %j in $bytes throws', (text) => {
    expect(() => decodeWire(JSON.stringify({ data: { $bytes: text } }))).toThrow()
  })
})
