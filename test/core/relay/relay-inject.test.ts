import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import { OwnErrorCode, relayFaultsSchema, type InjectMessageRequest } from '../../../electron/shared'
import { nodeTcpClient, nodeTcpServer, socatTcpClient, type NodeTcpServer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { EngineHarness } from '../engine/harness'
import { openRelay } from './relay-kit'

// "Inject a message into either direction (a template)": the session:inject-message channel of the handler
// table, as the app and the CLI call it, into one pair or every pair, received by peers we did not write.

describe('relay: inject a message as typed', () => {
  let harness: EngineHarness
  let workbench: Workbench
  let server: NodeTcpServer
  let dir: string
  beforeEach(async () => {
    harness = new EngineHarness()
    dir = await mkdtemp(join(tmpdir(), 'relay-inject-'))
    workbench = createWorkbench({ dataDir: dir, engine: harness.engine })
    server = await nodeTcpServer('127.0.0.1')
  })
  afterEach(async () => {
    await workbench.dispose()
    await harness.dispose()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  const inject = (request: InjectMessageRequest) => workbench.handlers.injectMessage(request)

  it('expands a template per injection into one pair, each direction', async () => {
    const relay = await openRelay(harness, server.port)
    const client = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    const message = { payload: 'n={{counter}} {{u8:0x41}}\\n', expandMacros: true }
    expect(
      await inject({ sessionId: relay.id, connectionId: 'c1', direction: 'to-upstream', message }),
    ).toEqual({
      ok: true,
      value: { bytes: 6, targets: 1 },
    })
    await inject({ sessionId: relay.id, connectionId: 'c1', direction: 'to-upstream', message })
    expect((await upstream.received.waitForBytes(12)).toString()).toBe('n=1 A\nn=2 A\n')
    await inject({
      sessionId: relay.id,
      connectionId: 'c1',
      direction: 'to-client',
      message: { payload: 'de ad {{crc16-modbus}}', encoding: 'hex', expandMacros: true },
    })
    expect((await client.received.waitForBytes(4)).toString('hex')).toMatch(/^dead[0-9a-f]{4}$/)
    // The rows say which way the injected bytes went, on the leg that sent them.
    const sent = harness.ofType(relay.id, 'sent').map((event) => `${event.leg} ${event.direction}`)
    expect(sent).toEqual(['upstream to-upstream', 'upstream to-upstream', 'client to-client'])
  })

  needs('socat').it('without a pair id, goes into every pair connected both ways', async () => {
    const relay = await openRelay(harness, server.port)
    const first = await socatTcpClient('127.0.0.1', relay.port)
    harness.track(first.child)
    const second = harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    await server.nextPeer()
    await server.nextPeer()
    await harness.waitForCount(relay.id, 'connected', 2)
    const result = await inject({
      sessionId: relay.id,
      direction: 'to-client',
      message: { payload: 'to all\\n' },
    })
    expect(result).toEqual({ ok: true, value: { bytes: 14, targets: 2 } })
    expect((await first.stdout.waitForBytes(7)).toString()).toBe('to all\n')
    expect((await second.received.waitForBytes(7)).toString()).toBe('to all\n')
  })

  it('waits behind a stall like any forwarded bytes, and goes once it is cleared', async () => {
    const relay = await openRelay(harness, server.port, { faults: { toUpstream: { stalled: true } } })
    harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    await inject({ sessionId: relay.id, direction: 'to-upstream', message: { payload: 'held' } })
    expect(harness.engine.get(relay.id).stats.queuedBytes).toBe(4)
    expect(upstream.received.byteLength).toBe(0)
    harness.engine.setFaults({ sessionId: relay.id, faults: relayFaultsSchema.parse({}) })
    expect((await upstream.received.waitForBytes(4)).toString()).toBe('held')
  })

  it('refuses with a code, and injects nothing: no pair, a bad template, a session that is no relay', async () => {
    const relay = await openRelay(harness, server.port)
    const none = await inject({ sessionId: relay.id, direction: 'to-upstream', message: { payload: 'x' } })
    expect(none).toMatchObject({ ok: false, error: { code: OwnErrorCode.noClients } })
    harness.track(await nodeTcpClient('127.0.0.1', relay.port))
    const upstream = await server.nextPeer()
    await harness.waitFor(relay.id, 'connected')
    const bad = await inject({
      sessionId: relay.id,
      direction: 'to-upstream',
      message: { payload: 'a {{nonsense}}', expandMacros: true },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: OwnErrorCode.badPayload } })
    const unknownPair = await inject({
      sessionId: relay.id,
      connectionId: 'c9',
      direction: 'to-upstream',
      message: { payload: 'x' },
    })
    expect(unknownPair).toMatchObject({ ok: false, error: { code: OwnErrorCode.unknownConnection } })
    const plain = await harness.openRequest({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    const notRelay = await inject({ sessionId: plain.id, direction: 'to-client', message: { payload: 'x' } })
    expect(notRelay).toMatchObject({ ok: false, error: { code: OwnErrorCode.notSupported } })
    expect(harness.ofType(relay.id, 'sent')).toEqual([])
    expect(upstream.received.byteLength).toBe(0)
  })
})
