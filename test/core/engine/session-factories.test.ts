import { afterEach, describe, expect, it } from 'vitest'
import { sessionFactories } from '../../../electron/core/engine/session-factories'
import {
  capabilitiesOf,
  openSessionRequestSchema,
  sessionKindNames,
  type OpenSessionRequest,
} from '../../../electron/shared'
import { EngineHarness } from './harness'

// Every kind the request schema accepts has a session class in the engine, and the sessions it opens publish
// their kind's capabilities (what the renderer asks instead of comparing kinds).

const loopbackRequest: Record<(typeof sessionKindNames)[number], (port: number) => OpenSessionRequest> = {
  'tcp-client': (port) => ({ kind: 'tcp-client', host: '127.0.0.1', port }),
  'tcp-server': () => ({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
  udp: () => ({ kind: 'udp', host: '127.0.0.1', port: 0 }),
  'tcp-relay': (port) => ({
    kind: 'tcp-relay',
    host: '127.0.0.1',
    port: 0,
    upstreamHost: '127.0.0.1',
    upstreamPort: port,
  }),
  'udp-relay': (port) => ({
    kind: 'udp-relay',
    host: '127.0.0.1',
    upstreamHost: '127.0.0.1',
    upstreamPort: port,
  }),
}

describe('session factories', () => {
  let harness: EngineHarness | undefined
  afterEach(async () => harness?.dispose())

  it('has one factory per kind the request schema accepts', () => {
    const kinds = openSessionRequestSchema.options.map((option) => option.shape.kind.value).sort()
    expect(Object.keys(sessionFactories).sort()).toEqual(kinds)
    expect([...sessionKindNames].sort()).toEqual(kinds)
  })

  it.each(sessionKindNames)('a %s session publishes its capabilities', async (kind) => {
    harness = new EngineHarness()
    const server = await harness.engine.open(openSessionRequestSchema.parse(loopbackRequest['tcp-server'](0)))
    const info = await harness.engine.open(
      openSessionRequestSchema.parse(loopbackRequest[kind](server.local!.port)),
    )
    expect(info.kind).toBe(kind)
    expect(info.capabilities).toEqual(capabilitiesOf(kind))
  })
})
