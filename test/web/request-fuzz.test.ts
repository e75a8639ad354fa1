import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTempHost, type TempHost } from './temp-host'
import { rawExchange } from './raw-http'
import { WebClient, tryUpgrade } from './web-client'

// Nothing reachable without the token may stop the host: every byte sequence on its port is answered (or
// dropped) and the page is still served to the token holder afterwards.

let web: TempHost
const unhandled: unknown[] = []
const noteUnhandled = (error: unknown): void => void unhandled.push(error)

beforeAll(async () => {
  web = await startTempHost()
  process.on('uncaughtException', noteUnhandled)
})
afterAll(async () => {
  process.off('uncaughtException', noteUnhandled)
  await web.dispose()
})

/** Paths that once threw in `new URL()` before any check, plus near misses. */
const NASTY_PATHS = [
  '//[',
  '//a:99999',
  '//',
  '///',
  '//[::1',
  '//@',
  '/ws/../ws',
  '*',
  'http://x/ws',
  '/%',
  '/%00',
]

const path = fc.oneof(
  fc.constantFrom(...NASTY_PATHS, '/', '/ws', '/ws?token=', '/index.html'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => `/${text}`),
  fc.string({ maxLength: 40 }),
  fc
    .constantFrom(...NASTY_PATHS)
    .chain((prefix) => fc.string({ maxLength: 12 }).map((text) => prefix + text)),
)
const method = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'CONNECT', 'PRI'),
  fc.string({ maxLength: 8 }),
)
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '', 'http/1.1')
const headerText = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }))

function hostHeaders(port: number): fc.Arbitrary<string[]> {
  const host = fc.oneof(
    fc.constantFrom(
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      '[',
      `:${port}`,
      '',
      'a:99999',
    ),
    headerText,
  )
  const origin = fc.oneof(fc.constantFrom(`http://127.0.0.1:${port}`, 'null', 'http://[', '//['), headerText)
  return fc
    .tuple(fc.option(host), fc.option(origin))
    .map(([hostValue, originValue]) => [
      ...(hostValue === null ? [] : [`Host: ${hostValue}`]),
      ...(originValue === null ? [] : [`Origin: ${originValue}`]),
    ])
}

const UPGRADE_HEADERS = [
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
]

function request(port: number): fc.Arbitrary<string> {
  return fc
    .record({
      method,
      path,
      version,
      hosts: hostHeaders(port),
      upgrade: fc.boolean(),
      extra: fc.array(fc.tuple(headerText, headerText), { maxLength: 4 }),
      lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
      body: fc.option(fc.string({ maxLength: 20 })),
    })
    .map(({ method, path, version, hosts, upgrade, extra, lineEnd, body }) =>
      [
        `${method} ${path} ${version}`,
        ...hosts,
        ...(upgrade ? UPGRADE_HEADERS : []),
        ...extra.map(([name, value]) => `${name}: ${value}`),
        '',
        body ?? '',
      ].join(lineEnd),
    )
}

async function pageServedToTokenHolder(): Promise<void> {
  const page = await rawExchange(
    web.host.port,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${web.host.port}\r\nConnection: close\r\n\r\n`,
    { halfClose: false },
  )
  expect(page.status).toBe(200)
  expect(page.text).toContain('<title>Socket Workbench</title>')
  const socket = await tryUpgrade(web.wsUrl(), { origin: web.origin })
  if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`)
  const client = new WebClient(socket)
  expect(await client.request('listSessions', undefined)).toMatchObject({ ok: true })
  await client.close()
}

describe('web host under hostile raw requests', () => {
  it('answers the URL-parser crash paths with 400 on upgrades and on plain HTTP', async () => {
    const { port } = web.host
    for (const target of ['//[', '//a:99999']) {
      const upgrade = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...UPGRADE_HEADERS, '', ''].join(
        '\r\n',
      )
      expect((await rawExchange(port, upgrade)).status).toBe(400)
      const plain = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`
      expect((await rawExchange(port, plain)).status).toBe(400)
    }
    expect(unhandled).toEqual([])
    await pageServedToTokenHolder()
  })

  it('survives thousands of fuzzed request lines, headers, upgrades and raw bytes', async () => {
    const { port } = web.host
    const input = fc.oneof(
      { weight: 4, arbitrary: request(port) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    )
    await fc.assert(
      fc.asyncProperty(input, async (bytes) => {
        const answer = await rawExchange(port, bytes)
        // Any answer is a client error or a success, never a server fault.
        if (answer.status !== undefined) expect(answer.status).toBeLessThan(500)
        expect(unhandled).toEqual([])
      }),
      { numRuns: 3_000 },
    )
    await pageServedToTokenHolder()
  }, 120_000)
})
