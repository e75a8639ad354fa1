import { once } from 'node:events'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { MAX_WEB_FRAME_BYTES, encodeWire } from '../../electron/shared'
import { startTempHost, type TempHost } from './temp-host'
import { WebClient, tryUpgrade } from './web-client'

let web: TempHost

beforeAll(async () => {
  web = await startTempHost()
})
afterAll(async () => {
  await web.dispose()
})

const lastLog = (): string => web.logs.at(-1) ?? ''

async function openClient(): Promise<WebClient> {
  const socket = await tryUpgrade(web.wsUrl(), { origin: web.origin })
  if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`)
  return new WebClient(socket)
}

function httpStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: web.host.port, path, headers }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
      .on('error', reject)
      .end()
  })
}

describe('web host gate', () => {
  it('binds loopback and prints a tokened URL', () => {
    expect(web.host.host).toBe('127.0.0.1')
    expect(web.host.url).toBe(`http://127.0.0.1:${web.host.port}/#token=${web.host.token}`)
  })

  it("is not reachable on the machine's other addresses", async (context) => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    if (outside === undefined) {
      context.skip('this machine has no non-loopback IPv4 address to try')
      return
    }
    const socket = connect({ host: outside.address, port: web.host.port })
    const [error] = (await once(socket, 'error', { signal: AbortSignal.timeout(5_000) })) as [
      NodeJS.ErrnoException,
    ]
    expect(error.code).toBe('ECONNREFUSED')
  })

  it('refuses an upgrade without a token, and logs it in one line', async () => {
    expect(await tryUpgrade(`ws://127.0.0.1:${web.host.port}/ws`, { origin: web.origin })).toBe(401)
    expect(lastLog()).toMatch(/^web: refused WebSocket from 127\.0\.0\.1:\d+: missing token$/)
  })

  it('refuses a wrong token of any length without logging the real one', async () => {
    const wrong = `${web.host.token.slice(0, -1)}${web.host.token.endsWith('A') ? 'B' : 'A'}`
    for (const token of [wrong, 'short', `${web.host.token}extra`, '']) {
      expect(await tryUpgrade(web.wsUrl(token), { origin: web.origin })).toBe(401)
      expect(lastLog()).toMatch(/wrong token$/)
    }
    expect(web.logs.join('\n')).not.toContain(web.host.token)
  })

  it('refuses a foreign Origin even with the right token', async () => {
    const port = web.host.port
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      expect(await tryUpgrade(web.wsUrl(), { origin })).toBe(403)
      expect(lastLog()).toContain('foreign Origin')
    }
  })

  it('refuses a non-loopback Host header (DNS rebinding) on the upgrade and on plain HTTP', async () => {
    const port = web.host.port
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `127.0.0.1:${port}@evil.example`,
    ]) {
      expect(await tryUpgrade(web.wsUrl(), { headers: { host } })).toBe(403)
      expect(lastLog()).toContain('foreign Host header')
      expect(await httpStatus('/', { host })).toBe(403)
      expect(lastLog()).toMatch(/^web: refused GET "\/" from .*foreign Host header/)
    }
  })

  it('refuses a foreign Origin on plain HTTP', async () => {
    expect(await httpStatus('/', { origin: 'http://evil.example' })).toBe(403)
  })

  it('accepts the right token from every loopback origin of this host, and without an Origin', async () => {
    const port = web.host.port
    for (const origin of [
      `http://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      `http://[::1]:${port}`,
      undefined,
    ]) {
      const socket = await tryUpgrade(web.wsUrl(), origin === undefined ? {} : { origin })
      expect(socket).toBeInstanceOf(WebSocket)
      await new WebClient(socket as WebSocket).close()
    }
  })

  it('refuses upgrades on any other path', async () => {
    expect(await tryUpgrade(`ws://127.0.0.1:${web.host.port}/other?token=${web.host.token}`)).toBe(404)
  })
})

describe('web host messages', () => {
  it('answers malformed messages with coded errors and keeps serving the client', async () => {
    const client = await openClient()
    const invalid = (id: number) =>
      client.waitFor(
        (message) => message.kind === 'response' && message.id === id && !message.result.ok,
        `error ${id}`,
      )

    client.sendRaw('{not json')
    const badJson = await invalid(0)
    expect(badJson).toMatchObject({
      result: { ok: false, error: { code: 'ERR_INVALID_REQUEST', message: expect.stringMatching(/JSON/) } },
    })

    client.sendRaw(encodeWire({ id: 7, channel: 'session:explode', payload: {} }))
    expect(await invalid(7)).toMatchObject({
      result: { error: { code: 'ERR_INVALID_REQUEST', message: expect.stringMatching(/channel/) } },
    })

    client.sendRaw(encodeWire({ id: 8, channel: '__proto__', payload: {} }))
    expect(await invalid(8)).toMatchObject({ result: { error: { code: 'ERR_INVALID_REQUEST' } } })

    const badPayload = await client.request('openSession', { kind: 'tcp-server', port: 'x' })
    expect(badPayload).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_REQUEST' } })

    const logged = web.logs.length
    const unnumbered = () =>
      client.received().filter((message) => message.kind === 'response' && message.id === 0)
    const before = unnumbered().length
    client.sendRaw(encodeWire([1, 2, 3]))
    client.sendRaw(encodeWire({ id: -1, channel: 'session:list', payload: undefined }))
    client.sendRaw(encodeWire({ id: 'x', channel: 'session:list' }))
    client.sendRaw(Buffer.from([1, 2, 3]))
    await client.waitUntil(() => unnumbered().length === before + 4, 'four coded refusals')
    expect(unnumbered().slice(before)).toEqual(
      Array(4).fill(
        expect.objectContaining({
          result: { ok: false, error: expect.objectContaining({ code: 'ERR_INVALID_REQUEST' }) },
        }),
      ),
    )
    const refusals = web.logs.slice(logged)
    expect(refusals).toHaveLength(4)
    expect(
      refusals.every((line) => /^web: refused message from 127\.0\.0\.1:\d+: Malformed/.test(line)),
    ).toBe(true)

    expect(await client.request('listSessions', undefined)).toEqual({ ok: true, value: [] })
    client.sendRaw(encodeWire({ id: 99, channel: 'session:list', payload: undefined }))
    expect(
      await client.waitFor((message) => message.kind === 'response' && message.id === 99, 'wire-name reply'),
    ).toEqual({ kind: 'response', id: 99, result: { ok: true, value: [] } })
    await client.close()
  })

  it('closes the connection on an oversized frame (1009), logs it and keeps serving others', async () => {
    const client = await openClient()
    const closed = once(client.socket, 'close', { signal: AbortSignal.timeout(10_000) })
    client.sendRaw('x'.repeat(MAX_WEB_FRAME_BYTES + 1))
    const [code] = (await closed) as [number]
    expect(code).toBe(1009)
    expect(web.logs.some((line) => /closing connection .*Max payload size exceeded/.test(line))).toBe(true)

    const other = await openClient()
    expect(await other.request('listSessions', undefined)).toMatchObject({ ok: true })
    await other.close()
  })
})
