import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { within } from '../helpers/peers'
import { rawExchange } from './raw-http'
import { startTempHost, type TempHost } from './temp-host'
import { WebClient, tryUpgrade } from './web-client'

// Connection exhaustion without a token: ~1,100 slow connections once kept the page from its user for a minute
// (the host ran out of file descriptors at the usual limit of 1,024). Caps and timeouts must keep it reachable.

const children: ChildProcessWithoutNullStreams[] = []
const sockets: Socket[] = []
const hosts: TempHost[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  for (const host of hosts.splice(0)) await host.dispose()
})

/** A host in its own process with the common desktop limit of 1,024 open files. */
async function startHostProcess(): Promise<{ port: number; token: string }> {
  const child = spawn(
    'bash',
    ['-c', 'ulimit -n 1024 && exec "$0" --import tsx test/web/host-process.ts', process.execPath],
    { cwd: process.cwd() },
  )
  children.push(child)
  const [line] = (await within(
    once(createInterface({ input: child.stdout }), 'line'),
    'the host process to print its port',
    15_000,
  )) as [string]
  const [port, token] = line.split(' ')
  return { port: Number(port), token: token! }
}

/** Opens a connection that sends the start of a request and then nothing: the slowloris pattern. */
function slowConnection(port: number): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port })
  sockets.push(socket)
  socket.on('error', () => undefined)
  socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `)
  return new Promise((resolve) => {
    socket.once('connect', () => resolve())
    socket.once('close', () => resolve())
  })
}

async function pageAndSocket(port: number, token: string): Promise<void> {
  const page = await rawExchange(
    port,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    { halfClose: false, ms: 5_000 },
  )
  expect(page.status).toBe(200)
  expect(page.text).toContain('<title>Socket Workbench</title>')
  const socket = await tryUpgrade(`ws://127.0.0.1:${port}/ws?token=${token}`, {
    origin: `http://127.0.0.1:${port}`,
  })
  expect(socket).toBeInstanceOf(WebSocket)
  const client = new WebClient(socket as WebSocket)
  expect(await client.request('listSessions', undefined)).toMatchObject({ ok: true })
  await client.close()
}

describe('web host under slow and many connections', () => {
  it('serves the page and the socket to the token holder past 1,100 slow connections', async () => {
    const { port, token } = await startHostProcess()
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => slowConnection(port)))
    }
    await pageAndSocket(port, token)
  }, 60_000)

  it('closes connections that do not finish their headers or their body in time, never a WebSocket', async () => {
    const web = await startTempHost({
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckMs: 100 },
    })
    hosts.push(web)
    const client = new WebClient((await tryUpgrade(web.wsUrl(), { origin: web.origin })) as WebSocket)
    const { port } = web.host
    const host = `Host: 127.0.0.1:${port}\r\n`
    const closed = [`GET / HTTP/1.1\r\n${host}`, `POST / HTTP/1.1\r\n${host}Content-Length: 10\r\n\r\n`].map(
      (start) => {
        const socket = connect({ host: '127.0.0.1', port })
        sockets.push(socket)
        socket.on('error', () => undefined)
        socket.resume()
        socket.write(start)
        return once(socket, 'close')
      },
    )
    await within(Promise.all(closed), 'the host to close both slow connections', 5_000)
    // The WebSocket is older than both timeouts by now: it is no request in progress, they do not touch it.
    expect(await client.request('listSessions', undefined)).toMatchObject({ ok: true })
    await client.close()
  })

  it('drops the oldest unauthenticated connection past the cap, and keeps the newest', async () => {
    const web = await startTempHost({ limits: { maxUnauthenticated: 3 } })
    hosts.push(web)
    /** A connection that sends nothing, once the host has accepted it (its first byte of answer never comes). */
    const open = async (): Promise<Socket> => {
      const socket = connect({ host: '127.0.0.1', port: web.host.port })
      sockets.push(socket)
      socket.on('error', () => undefined)
      socket.resume()
      await within(once(socket, 'connect'), 'a connection')
      return socket
    }
    const oldest = await open()
    const oldestClosed = once(oldest, 'close')
    const others = [await open(), await open()]
    const newest = await open()
    await within(oldestClosed, 'the oldest connection to be dropped')
    expect(
      web.logs.some((line) => /dropped the oldest unauthenticated connection .*more than 3/.test(line)),
    ).toBe(true)
    expect([...others, newest].every((socket) => !socket.destroyed)).toBe(true)
  })

  it('refuses one authenticated client more than the cap with 503, and takes one again when a slot frees', async () => {
    const web = await startTempHost({ limits: { maxClients: 2 } })
    hosts.push(web)
    const open = async (): Promise<WebSocket | number> => tryUpgrade(web.wsUrl(), { origin: web.origin })
    const first = new WebClient((await open()) as WebSocket)
    const second = new WebClient((await open()) as WebSocket)
    expect(await open()).toBe(503)
    expect(web.logs.at(-1)).toMatch(/refused WebSocket .*already 2 clients/)
    await first.close()
    await within(
      (async () => {
        for (;;) {
          const socket = await open()
          if (socket instanceof WebSocket) return new WebClient(socket).close()
        }
      })(),
      'a free client slot',
    )
    await second.close()
  })
})
