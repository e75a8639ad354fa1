import { describe, expect, it } from 'vitest'
import { channelOfWireName, encodeWire } from '../../electron/shared'
import { parseFrame, UNKNOWN_REQUEST_ID } from '../../electron/web/connection'

describe('web request frames', () => {
  it('knows channels by their wire name only', () => {
    expect(channelOfWireName('session:open')).toBe('openSession')
    for (const name of ['openSession', '__proto__', 'constructor', 'toString', 'session:explode', 7, null]) {
      expect(channelOfWireName(name)).toBeUndefined()
    }
  })

  it('reads a well-formed request, bytes included', () => {
    const frame = encodeWire({
      id: 3,
      channel: 'session:send',
      payload: { sessionId: 's1', data: new Uint8Array([1, 255]) },
    })
    expect(parseFrame(frame)).toEqual({
      ok: true,
      request: { id: 3, channel: 'send', payload: { sessionId: 's1', data: new Uint8Array([1, 255]) } },
    })
  })

  it.each([
    ['bad JSON', '{', UNKNOWN_REQUEST_ID, /JSON/],
    ['a bare value', '42', UNKNOWN_REQUEST_ID, /object/],
    ['an array', '[]', UNKNOWN_REQUEST_ID, /object/],
    ['a fractional id', '{"id":1.5,"channel":"openSession"}', UNKNOWN_REQUEST_ID, /id/],
    ['a string id', '{"id":"1","channel":"openSession"}', UNKNOWN_REQUEST_ID, /id/],
    ['an unknown channel', '{"id":4,"channel":"nope"}', 4, /channel/],
    ['a prototype key as channel', '{"id":5,"channel":"__proto__"}', 5, /channel/],
  ])('refuses %s with ERR_INVALID_REQUEST and the id it could read', (_name, text, id, message) => {
    expect(parseFrame(text)).toEqual({
      ok: false,
      id,
      error: { code: 'ERR_INVALID_REQUEST', message: expect.stringMatching(message) },
    })
  })
})
