import { describe, expect, it } from 'vitest'
import { MAX_ANSWER_BYTES } from '../../electron/core/answer-limit'
import { OwnErrorCode, decodeWire, ok, type SessionInfo, type WebMessage } from '../../electron/shared'
import { encodeResponse } from '../../electron/web/connection'
import { createFakeEngine } from '../main/fake-engine'
import { startTempHost } from './temp-host'
import { WebClient, tryUpgrade } from './web-client'

// An answer too large (or too strange) to serialise must become a coded error, never an exception that
// stops the host (34,000 failed opens once made session:list too big for JSON.stringify).

describe('encodeResponse', () => {
  it('sends an answer within the limit as it is', () => {
    const frame = encodeResponse(3, 'listSessions', ok([]))
    expect(frame).toEqual({ ok: true, text: '{"kind":"response","id":3,"result":{"ok":true,"value":[]}}' })
  })

  it('replaces an answer over the limit with ERR_LIMIT under the same id, naming sizes and not the content', () => {
    const frame = encodeResponse(4, 'exportProfiles', ok('é'.repeat(600)), 1_000)
    expect(frame.ok).toBe(false)
    const message = decodeWire(frame.text) as WebMessage
    expect(message).toEqual({
      kind: 'response',
      id: 4,
      result: {
        ok: false,
        error: { code: OwnErrorCode.limit, message: expect.stringMatching(/profiles:export is too large/) },
      },
    })
    expect(frame.text).not.toContain('é')
  })

  it('answers ERR_INTERNAL for a value JSON cannot hold, and ERR_LIMIT when the serialiser runs out of room', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    for (const value of [circular, 10n]) {
      const frame = encodeResponse(5, 'listSessions', ok(value))
      expect(frame).toMatchObject({ ok: false, error: { code: OwnErrorCode.internal } })
    }
    const huge = {
      toJSON() {
        throw new RangeError('Invalid string length')
      },
    }
    expect(encodeResponse(6, 'listSessions', ok(huge))).toMatchObject({
      ok: false,
      error: {
        code: OwnErrorCode.limit,
        message: expect.stringMatching(/more than the serialiser can hold/),
      },
    })
  })
})

describe('web host answers', () => {
  it('answers an oversize session list with ERR_LIMIT and keeps serving', async () => {
    const fake = createFakeEngine()
    const web = await startTempHost({ engine: fake.engine })
    try {
      const socket = await tryUpgrade(web.wsUrl(), { origin: web.origin })
      if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`)
      const client = new WebClient(socket)
      const huge = [{ id: 'x'.repeat(MAX_ANSWER_BYTES) }] as unknown as SessionInfo[]
      fake.engine.list.mockReturnValueOnce(huge).mockReturnValueOnce([10n] as unknown as SessionInfo[])
      expect(await client.request('listSessions', undefined)).toEqual({
        ok: false,
        error: { code: OwnErrorCode.limit, message: expect.stringMatching(/session:list is too large/) },
      })
      expect(await client.request('listSessions', undefined)).toMatchObject({
        ok: false,
        error: { code: OwnErrorCode.internal },
      })
      expect(await client.request('listSessions', undefined)).toEqual({ ok: true, value: [] })
      expect(web.logs.filter((line) => line.includes('answer to'))).toHaveLength(2)
      await client.close()
    } finally {
      await web.dispose()
    }
  })
})
