import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createWorkbench } from '../../electron/core/workbench'
import { Channels, OwnErrorCode, encodeWire, formatBase64 } from '../../electron/shared'
import { MAX_FRAME_VALUES, withinValueBudget } from '../../electron/web/frame-gate'
import { startTempHost } from './temp-host'
import { WebClient, tryUpgrade } from './web-client'

// A refused request must cost a cheap look and answer in a sentence: an 11 MiB frame of a million keys once cost
// seconds of CPU and was answered by echoing every key.

/** A request whose payload carries `keys` extra keys, as text (about 11 bytes a key). */
function manyKeys(keys: number, id = 1): string {
  const extra = Array.from({ length: keys }, (_, n) => `"k${n}":${n}`).join(',')
  return `{"id":${id},"channel":"${Channels.closeSession}","payload":{"sessionId":"s1",${extra}}}`
}

describe('frame value budget', () => {
  it('counts values outside strings only, escaped quotes included', () => {
    expect(withinValueBudget('{"a":1,"b":2}', 4)).toBe(true)
    expect(withinValueBudget('{"a":1,"b":2,"c":3}', 4)).toBe(false)
    expect(withinValueBudget(JSON.stringify({ text: 'a,b:c,"d":e\\",f'.repeat(100) }), 2)).toBe(true)
    expect(withinValueBudget('{"open string , : ,', 1)).toBe(true)
  })

  it('passes the largest send request, a 16 MiB payload in base64', () => {
    const frame = encodeWire({
      id: 1,
      channel: Channels.send,
      payload: { sessionId: 's1', data: new Uint8Array(16 * 1024 * 1024) },
    })
    expect(frame).toContain(formatBase64(new Uint8Array(3)))
    expect(withinValueBudget(frame)).toBe(true)
  })
})

describe('refusals of oversized requests', () => {
  it('web: refuses a frame of a million keys before parsing it, in one short sentence', async () => {
    const web = await startTempHost()
    try {
      const socket = await tryUpgrade(web.wsUrl(), { origin: web.origin })
      if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`)
      const client = new WebClient(socket)
      client.sendRaw(manyKeys(1_000_000))
      const refusal = await client.waitFor(
        (message) => message.kind === 'response' && !message.result.ok,
        'the refusal',
      )
      expect(refusal).toEqual({
        kind: 'response',
        id: 0,
        result: {
          ok: false,
          error: {
            code: OwnErrorCode.invalidRequest,
            message: `Malformed message: more than ${MAX_FRAME_VALUES} values.`,
          },
        },
      })
      expect(await client.request('listSessions', undefined)).toEqual({ ok: true, value: [] })
      await client.close()
    } finally {
      await web.dispose()
    }
  })

  it('handlers: refuse a payload of 200,000 keys by its shape, without echoing the keys', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'refused-cost-'))
    const workbench = createWorkbench({ dataDir })
    try {
      const payload = JSON.parse(manyKeys(200_000)).payload as unknown
      const result = await workbench.handlers.closeSession(payload)
      expect(result).toEqual({
        ok: false,
        error: { code: OwnErrorCode.invalidRequest, message: expect.stringMatching(/more than \d+ values/) },
      })
      const long = { sessionId: 's1', [`k${'x'.repeat(100_000)}`]: 1 }
      const refused = await workbench.handlers.closeSession(long)
      expect(refused).toMatchObject({ ok: false, error: { code: OwnErrorCode.invalidRequest } })
      expect(JSON.stringify(refused).length).toBeLessThan(400)
    } finally {
      await workbench.dispose()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
