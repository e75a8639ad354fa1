import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HandlerDeps } from '../../../electron/core/handler-table'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import { OwnErrorCode, type RepeatStatus, type Result, type SendCommand } from '../../../electron/shared'
import { nodeTcpServer, nodeUdpPeer, within, type NodeTcpServer } from '../../helpers/peers'
import { EngineHarness } from './harness'

// The engine's Repeat, driven through the handler table as the renderer and the CLI drive it, against plain Node
// peers: every send is expanded afresh, the repeat waits for a peer that does not read, and it ends on stop,
// on its count, and on the session's close.

let harness: EngineHarness
let workbench: Workbench
let server: NodeTcpServer | undefined

beforeEach(() => {
  harness = new EngineHarness()
  workbench = createWorkbench({
    dataDir: join(tmpdir(), 'repeater-test'),
    engine: harness.engine,
    profiles: { recordRecent: async () => undefined } as Partial<
      HandlerDeps['profiles']
    > as HandlerDeps['profiles'],
  })
})

afterEach(async () => {
  await workbench.messaging.dispose()
  await harness.dispose()
  await server?.close()
  server = undefined
})

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value
}

async function tcpClientTo(port: number): Promise<string> {
  const { id } = await harness.openRequest({ kind: 'tcp-client', host: '127.0.0.1', port })
  return id
}

const lines = (bytes: Buffer): string[] =>
  bytes
    .toString()
    .split('\n')
    .filter((line) => line !== '')
const counting = (count: number, from = 1): string[] =>
  Array.from({ length: count }, (_, i) => String(from + i))

describe('the engine repeater', () => {
  it('sends a template every 1 ms, N times, with {{counter}} advancing 1…N', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    const peer = await server.nextPeer()
    const started = value(
      await workbench.handlers.repeatStart({
        sessionId,
        message: { payload: '{{counter}}\\n', expandMacros: true },
        everyMs: 1,
        times: 200,
      }),
    )
    expect(started).toMatchObject({ sessionId, state: 'running', times: 200, everyMs: 1 })
    const final = await within(workbench.messaging.repeater.finished(sessionId), 'the repeat to finish')
    expect(final).toMatchObject({ state: 'done', sent: 200, remaining: 0 })
    const expected = counting(200).join('\n') + '\n'
    const received = await peer.received.waitForBytes(expected.length)
    expect(lines(received)).toEqual(counting(200))
    expect(harness.ofType(sessionId, 'sent')).toHaveLength(200)
    expect(value(await workbench.handlers.repeatStatus({ sessionId }))).toMatchObject({
      state: 'done',
      sent: 200,
    })
  })

  it('repeats to a UDP peer; each datagram carries its counter field and checksum', async () => {
    const peer = await nodeUdpPeer('127.0.0.1')
    try {
      const { id: sessionId } = await harness.openRequest({
        kind: 'udp',
        host: '127.0.0.1',
        port: 0,
        remoteHost: '127.0.0.1',
        remotePort: peer.port,
      })
      value(
        await workbench.handlers.repeatStart({
          sessionId,
          message: { payload: 'aa {{u16be:counter}} {{sum8}}', encoding: 'hex', expandMacros: true },
          everyMs: 2,
          times: 5,
        }),
      )
      const datagrams: string[] = []
      for (let i = 0; i < 5; i++) datagrams.push((await peer.nextMessage()).data.toString('hex'))
      expect(datagrams).toEqual(['aa0001ab', 'aa0002ac', 'aa0003ad', 'aa0004ae', 'aa0005af'])
    } finally {
      await peer.close()
    }
  })

  it('repeats until stopped; Stop answers where it ended and nothing is sent after it', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    const peer = await server.nextPeer()
    value(
      await workbench.handlers.repeatStart({
        sessionId,
        message: { payload: '{{counter}}', lineEnding: 'lf', expandMacros: true },
        everyMs: 2,
        times: 0,
      }),
    )
    expect(value(await workbench.handlers.repeatStatus({ sessionId }))).toMatchObject({ remaining: null })
    await peer.received.waitForBytes('1\n2\n3\n4\n5\n'.length)
    const stopped = value(await workbench.handlers.repeatStop({ sessionId }))
    expect(stopped?.state).toBe('stopped')
    const sent = stopped!.sent
    expect(sent).toBeGreaterThanOrEqual(5)
    expect(harness.ofType(sessionId, 'sent')).toHaveLength(sent)
    const expected = counting(sent).join('\n') + '\n'
    expect(lines(await peer.received.waitForBytes(expected.length))).toEqual(counting(sent))
    // A single expanded send after the repeat continues the session's counter.
    value(
      await workbench.handlers.sendMessage({
        sessionId,
        message: { payload: '#{{counter}}\\n', expandMacros: true },
      }),
    )
    const after = await peer.received.waitForBytes(expected.length + `#${sent + 1}\n`.length)
    expect(lines(after).at(-1)).toBe(`#${sent + 1}`)
  })

  it('keeps one counter per session', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const first = await tcpClientTo(server.port)
    const firstPeer = await server.nextPeer()
    const second = await tcpClientTo(server.port)
    const secondPeer = await server.nextPeer()
    const message = { payload: '{{counter}};', expandMacros: true }
    for (const sessionId of [first, first, second, first, second]) {
      value(await workbench.handlers.sendMessage({ sessionId, message }))
    }
    expect((await firstPeer.received.waitForBytes(6)).toString()).toBe('1;2;3;')
    expect((await secondPeer.received.waitForBytes(4)).toString()).toBe('1;2;')
  })

  it('waits for a peer that does not read: one send in flight, nothing piling up in memory', async () => {
    const accepted: Socket[] = []
    const paused = createServer({ pauseOnConnect: true }, (socket) => accepted.push(socket))
    paused.listen(0, '127.0.0.1')
    await once(paused, 'listening')
    try {
      const sessionId = await tcpClientTo((paused.address() as { port: number }).port)
      let inFlight = 0
      let maxInFlight = 0
      let stalled = false
      const send = harness.engine.send.bind(harness.engine)
      vi.spyOn(harness.engine, 'send').mockImplementation(async (command: SendCommand) => {
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        try {
          return await send(command)
        } finally {
          inFlight -= 1
        }
      })
      const size = 64 * 1024
      value(
        await workbench.handlers.repeatStart({
          sessionId,
          message: { payload: 'x'.repeat(size) },
          everyMs: 1,
          times: 0,
        }),
      )
      // The kernel's buffers fill, then a send waits in Node for the peer: the repeat must wait with it.
      await vi.waitFor(
        () => {
          const queued = harness.engine.stats(sessionId).queuedBytes
          if (!(queued > 0 && inFlight === 1)) throw new Error('not stalled yet')
          stalled = true
        },
        { timeout: 10_000, interval: 20 },
      )
      expect(stalled).toBe(true)
      expect(maxInFlight).toBe(1)
      expect(harness.engine.stats(sessionId).queuedBytes).toBeLessThanOrEqual(size)
      const { sent } = (await workbench.messaging.repeater.status(sessionId)) as RepeatStatus
      for (const socket of accepted) socket.resume()
      const stopped = await workbench.messaging.repeater.stop(sessionId)
      expect(stopped?.sent).toBeGreaterThanOrEqual(sent)
      expect(maxInFlight).toBe(1)
    } finally {
      for (const socket of accepted) socket.destroy()
      await new Promise((resolve) => paused.close(resolve))
    }
  })

  it('stops when the session closes, and forgets it', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    const peer = await server.nextPeer()
    value(
      await workbench.handlers.repeatStart({
        sessionId,
        message: { payload: 'ping\\n', expandMacros: false },
        everyMs: 1,
        times: 0,
      }),
    )
    await peer.received.waitForBytes(10)
    const finished = workbench.messaging.repeater.finished(sessionId)
    value(await workbench.handlers.closeSession({ sessionId }))
    const final = await within(finished, 'the repeat to end with its session')
    expect(final?.state).not.toBe('running')
    expect(value(await workbench.handlers.repeatStatus({ sessionId }))).toBeNull()
    expect(harness.ofType(sessionId, 'sent').length).toBe(final!.sent)
  })

  it('a failed send ends the repeat as failed, with the error', async () => {
    const { id: sessionId } = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    value(
      await workbench.handlers.repeatStart({ sessionId, message: { payload: 'hi' }, everyMs: 1, times: 3 }),
    )
    const final = await within(workbench.messaging.repeater.finished(sessionId), 'the repeat to fail')
    expect(final).toMatchObject({ state: 'failed', sent: 0, error: { code: OwnErrorCode.noClients } })
  })
})

describe('refusals', () => {
  it('a bad template is refused with its position, and nothing starts', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    const message = { payload: 'ok {{nope}}', expandMacros: true }
    const refused = {
      ok: false,
      error: { code: OwnErrorCode.badPayload, message: 'unknown macro {{nope}} at column 4', sessionId },
    }
    expect(await workbench.handlers.repeatStart({ sessionId, message, everyMs: 10, times: 2 })).toEqual(
      refused,
    )
    expect(await workbench.handlers.sendMessage({ sessionId, message })).toEqual(refused)
    expect(value(await workbench.handlers.repeatStatus({ sessionId }))).toBeNull()
    expect(harness.ofType(sessionId, 'sent')).toHaveLength(0)
  })

  it('odd hex without macros is refused the same way', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    const result = await workbench.handlers.sendMessage({
      sessionId,
      message: { payload: 'abc', encoding: 'hex' },
    })
    expect(result.ok ? undefined : result.error.code).toBe(OwnErrorCode.badPayload)
  })

  it('a closed or unknown session is refused', async () => {
    server = await nodeTcpServer('127.0.0.1')
    const sessionId = await tcpClientTo(server.port)
    value(await workbench.handlers.closeSession({ sessionId }))
    const closed = await workbench.handlers.repeatStart({ sessionId, message: { payload: 'x' }, everyMs: 5 })
    expect(closed.ok ? undefined : closed.error.code).toBe(OwnErrorCode.wrongState)
    const unknown = await workbench.handlers.repeatStop({ sessionId: 'nope' })
    expect(unknown.ok ? undefined : unknown.error.code).toBe(OwnErrorCode.unknownSession)
  })

  it.each([0, 3_600_001, 1.5])('an interval of %s ms is refused', async (everyMs) => {
    const result = await workbench.handlers.repeatStart({
      sessionId: 's1',
      message: { payload: 'x' },
      everyMs,
    })
    expect(result.ok ? undefined : result.error.code).toBe(OwnErrorCode.invalidRequest)
  })
})
