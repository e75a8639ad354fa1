import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HandlerDeps, HandlerTable } from '../../electron/core/handler-table'
import { createWorkbench } from '../../electron/core/workbench'
import { Limits, type ChannelName, type SessionEvent, type SessionInfo } from '../../electron/shared'
import { EngineHarness } from './engine/harness'
import { everyByte, nodeTcpClient, nodeUdpPeer } from '../helpers/peers'

// The session channels of the one handler table (IPC and web mode) in front of a real engine on loopback.
// Profile and capture channels have their own handler tests next to their services.

type SessionChannel = Extract<
  ChannelName,
  | 'openSession'
  | 'closeSession'
  | 'removeSession'
  | 'listSessions'
  | 'send'
  | 'disconnect'
  | 'halfClose'
  | 'stopListening'
  | 'resumeListening'
  | 'reopenSession'
  | 'membership'
  | 'setFraming'
  | 'setAutoReply'
  | 'setFaults'
  | 'inject'
>

const garbage: unknown[] = [null, 'text', 42, [], new Uint8Array(3), { sessionId: 's1', __extra: 1 }]

const malformed: Record<SessionChannel, unknown[]> = {
  openSession: [
    ...garbage,
    {},
    { kind: 'tcp-client', host: '127.0.0.1', port: 70_000 },
    { kind: 'tcp-client', host: '127.0.0.1', port: 0 },
    { kind: 'tcp-client', host: '', port: 80 },
    { kind: 'tcp-client', host: 'two words', port: 80 },
    { kind: 'tcp-server', host: '127.0.0.1', port: -1 },
    { kind: 'tcp-server', port: 1.5 },
    { kind: 'udp', port: 65_536 },
    { kind: 'udp', type: 'udp5' },
    { kind: 'sctp', host: '127.0.0.1', port: 80 },
    { kind: 'udp', extra: true },
  ],
  closeSession: [...garbage, {}, { sessionId: '' }, { sessionId: 'x'.repeat(Limits.maxIdLength + 1) }],
  removeSession: [...garbage, {}, { sessionId: 7 }],
  listSessions: ['text', 42, { all: true }],
  send: [
    ...garbage,
    { sessionId: 's1' },
    { sessionId: 's1', data: 'not bytes' },
    { sessionId: 's1', data: [1, 2, 3] },
    { sessionId: 's1', data: new Uint8Array(Limits.maxPayloadBytes + 1) },
    { sessionId: 's1', data: new Uint8Array(1), remotePort: 0 },
    { sessionId: 's1', data: new Uint8Array(1), remoteHost: '' },
  ],
  disconnect: [...garbage, { sessionId: 's1', mode: 'explode' }, { mode: 'reset' }],
  halfClose: [...garbage, { sessionId: 's1', connectionId: '' }, { sessionId: 's1', now: true }],
  stopListening: [...garbage, { sessionId: null }],
  resumeListening: [...garbage, {}, { sessionId: 's1', port: 80 }],
  reopenSession: [...garbage, {}, { sessionId: 's1', kind: 'tcp-client' }],
  membership: [
    ...garbage,
    { sessionId: 's1', action: 'stay', group: '239.1.2.3' },
    { sessionId: 's1', action: 'join' },
    { sessionId: 's1', action: 'join', group: '' },
  ],
  setFraming: [
    ...garbage,
    { sessionId: 's1' },
    { sessionId: 's1', framing: 'delimiter:\\n' },
    { sessionId: 's1', framing: { mode: 'morse' } },
    { sessionId: 's1', framing: { mode: 'delimiter', delimiter: '' } },
    { sessionId: 's1', framing: { mode: 'fixed', length: 0 } },
    { sessionId: 's1', framing: { mode: 'slip', maxFrameBytes: 2 ** 40 } },
    { sessionId: 's1', framing: { mode: 'none', extra: true } },
  ],
  setAutoReply: [
    ...garbage,
    { sessionId: 's1' },
    { sessionId: 's1', autoReply: { rules: 'contains:a=>b' } },
    { sessionId: 's1', autoReply: { rules: [{ matchType: 'like', match: 'a' }] } },
    { sessionId: 's1', autoReply: { rules: [{ matchType: 'regex', match: '(' }] } },
    { sessionId: 's1', autoReply: { rules: [{ matchType: 'hex', match: '0g' }] } },
    { sessionId: 's1', autoReply: { rules: [{ matchType: 'exact', match: 'a', delayMs: 1e9 }] } },
    { sessionId: 's1', autoReply: { echo: 'yes' } },
  ],
  setFaults: [
    ...garbage,
    { sessionId: 's1' },
    { sessionId: 's1', faults: { toUpstream: { delayMs: -1 } } },
    { sessionId: 's1', faults: { toUpstream: { delayMs: 60_001 } } },
    { sessionId: 's1', faults: { toClient: { dropPercent: 101 } } },
    { sessionId: 's1', faults: { toClient: { paused: 'yes' } } },
    { sessionId: 's1', faults: { sideways: {} } },
    { sessionId: 's1', faults: { toUpstream: { latency: 5 } } },
  ],
  inject: [
    ...garbage,
    { sessionId: 's1', connectionId: 'c1', direction: 'to-upstream' },
    { sessionId: 's1', connectionId: 'c1', direction: 'up', data: new Uint8Array(1) },
    { sessionId: 's1', direction: 'to-client', data: new Uint8Array(1) },
    {
      sessionId: 's1',
      connectionId: 'c1',
      direction: 'to-client',
      data: new Uint8Array(Limits.maxPayloadBytes + 1),
    },
  ],
}

let harness: EngineHarness
let table: HandlerTable

beforeEach(() => {
  harness = new EngineHarness()
  table = createWorkbench({
    dataDir: join(tmpdir(), 'handler-table-test'),
    engine: harness.engine,
    // Profiles play no part in the session channels beyond noting recent endpoints on open.
    profiles: { recordRecent: async () => undefined } as Partial<
      HandlerDeps['profiles']
    > as HandlerDeps['profiles'],
    captureDir: join(tmpdir(), 'handler-table-test-captures'),
  }).handlers
})

afterEach(async () => {
  await harness.dispose()
})

async function expectValue<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>,
): Promise<T> {
  const settled = await result
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`)
  return settled.value
}

describe('handler table: malformed payloads', () => {
  for (const [channel, payloads] of Object.entries(malformed) as Array<[SessionChannel, unknown[]]>) {
    it(`${channel} answers ERR_INVALID_REQUEST and leaves the engine untouched`, async () => {
      await expectValue(table.openSession({ kind: 'udp', host: '127.0.0.1' }))
      const before = JSON.stringify(harness.engine.list())
      const eventsBefore = harness.events.length
      for (const payload of payloads) {
        const result = await table[channel](payload)
        if (result.ok) expect.fail(`${channel} accepted payload #${payloads.indexOf(payload)}`)
        else {
          expect(result.error.code).toBe('ERR_INVALID_REQUEST')
          expect(result.error.message).toMatch(/^Invalid request: /)
        }
      }
      expect(JSON.stringify(harness.engine.list())).toBe(before)
      expect(harness.events).toHaveLength(eventsBefore)
    })
  }

  it('names the field of an out-of-range port', async () => {
    const result = await table.openSession({ kind: 'tcp-server', host: '127.0.0.1', port: 65_536 })
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_REQUEST' } })
    expect(!result.ok && result.error.message).toContain('port')
    expect(harness.engine.list()).toEqual([])
  })

  it('answers an unknown session with ERR_NO_SESSION in the envelope', async () => {
    expect(await table.closeSession({ sessionId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'ERR_NO_SESSION', message: 'there is no session nope' },
    })
  })
})

describe('handler table: well-formed requests reach a real engine', () => {
  it('drives a TCP server and a TCP client on loopback through every session channel', async () => {
    const server: SessionInfo = await expectValue(
      table.openSession({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
    )
    expect(server).toMatchObject({ state: 'listening', options: { backlog: 511, ipv6Only: false } })
    const port = server.local!.port
    const client = await expectValue(table.openSession({ kind: 'tcp-client', host: '127.0.0.1', port }))
    expect(client.state).toBe('connected')
    const accept = await harness.waitFor(server.id, 'accept')

    expect(await expectValue(table.send({ sessionId: client.id, data: everyByte() }))).toEqual({
      bytes: 256,
      targets: 1,
    })
    expect([...(await harness.waitForReceived(server.id, 256))]).toEqual([...everyByte()])
    expect(
      await expectValue(table.send({ sessionId: server.id, connectionId: 'all', data: new Uint8Array([7]) })),
    ).toEqual({
      bytes: 1,
      targets: 1,
    })

    expect(await expectValue(table.halfClose({ sessionId: client.id }))).toBeNull()
    await harness.waitFor(server.id, 'end')
    expect(
      await expectValue(table.disconnect({ sessionId: server.id, connectionId: accept.connectionId! })),
    ).toBeNull()
    await harness.waitFor(client.id, 'close')

    const listed = await expectValue(table.listSessions(undefined))
    expect(listed.map((session) => session.id)).toEqual([server.id, client.id])
    const stopped = await expectValue(table.stopListening({ sessionId: server.id }))
    expect(stopped.listening).toBe(false)
    expect((await expectValue(table.closeSession({ sessionId: client.id }))).state).toBe('closed')
    expect(await expectValue(table.removeSession({ sessionId: client.id }))).toBeNull()
    expect((await expectValue(table.listSessions(undefined))).map((session) => session.id)).toEqual([
      server.id,
    ])
  })

  it('reopens a closed session and resumes a stopped server through the table', async () => {
    const server = await expectValue(table.openSession({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = server.local!.port
    const client = await expectValue(table.openSession({ kind: 'tcp-client', host: '127.0.0.1', port }))
    await harness.waitFor(server.id, 'accept')
    expect((await expectValue(table.stopListening({ sessionId: server.id }))).listening).toBe(false)
    expect(await expectValue(table.resumeListening({ sessionId: server.id }))).toMatchObject({
      listening: true,
      local: { port },
    })
    await expectValue(table.closeSession({ sessionId: client.id }))
    const reopened = await expectValue(table.reopenSession({ sessionId: client.id }))
    expect(reopened).toMatchObject({ id: client.id, state: 'connected' })
    expect(await table.reopenSession({ sessionId: client.id })).toMatchObject({
      ok: false,
      error: { code: 'ERR_SESSION_STATE', sessionId: client.id },
    })
  })

  it('joins a multicast group and sends a datagram through the table', async () => {
    const peer = await nodeUdpPeer('127.0.0.1')
    try {
      const udp = await expectValue(table.openSession({ kind: 'udp', host: '0.0.0.0' }))
      expect(
        await expectValue(table.membership({ sessionId: udp.id, action: 'join', group: '239.255.7.7' })),
      ).toBeNull()
      const membership = harness.events.find(
        (event): event is Extract<SessionEvent, { type: 'membership' }> => event.type === 'membership',
      )
      expect(membership).toMatchObject({ action: 'join', group: '239.255.7.7' })
      await expectValue(
        table.send({ sessionId: udp.id, data: everyByte(), remoteHost: '127.0.0.1', remotePort: peer.port }),
      )
      expect([...(await peer.nextMessage()).data]).toEqual([...everyByte()])
    } finally {
      await peer.close()
    }
  })

  it('changes the framing of a session through the table; UDP refuses the idle gap in an envelope', async () => {
    const udp = await expectValue(table.openSession({ kind: 'udp', host: '127.0.0.1' }))
    const changed = await expectValue(
      table.setFraming({ sessionId: udp.id, framing: { mode: 'delimiter', delimiter: '\\r\\n' } }),
    )
    expect(changed.options.framing).toEqual({
      mode: 'delimiter',
      delimiter: '\\r\\n',
      keep: false,
      maxFrameBytes: 1024 * 1024,
    })
    const refused = await table.setFraming({ sessionId: udp.id, framing: { mode: 'idle', gapMs: 20 } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_REQUEST', sessionId: udp.id } })
    expect(harness.engine.get(udp.id).options.framing?.mode).toBe('delimiter')
  })

  it('reports engine failures as coded envelopes (ECONNREFUSED), the session listed in state error', async () => {
    const probe = await expectValue(table.openSession({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }))
    const port = probe.local!.port
    await expectValue(table.removeSession({ sessionId: probe.id }))
    const result = await table.openSession({ kind: 'tcp-client', host: '127.0.0.1', port })
    expect(result).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } })
    const sessionId = !result.ok ? result.error.sessionId : undefined
    expect(sessionId).toBeDefined()
    expect(harness.engine.get(sessionId!).state).toBe('error')
    // Still refused by an outside client too: nothing listens there.
    await expect(nodeTcpClient('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
