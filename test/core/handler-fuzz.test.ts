import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ProfileStore } from '../../electron/core/profiles'
import type { HandlerTable } from '../../electron/core/handler-table'
import { createWorkbench } from '../../electron/core/workbench'
import { SessionManager } from '../../electron/core/engine'
import {
  Channels,
  Limits,
  payloadShapeProblem,
  requestSchemas,
  type ChannelName,
} from '../../electron/shared'

// Issue 8: every channel answers hostile input with a coded error, never an exception, and leaves the engine's
// sessions as they were. Inputs are a well-formed request with one field made hostile, or garbage outright.

const RUNS_PER_CHANNEL = Number(process.env.FUZZ_RUNS ?? 10_000)

const oversizedPayload = new Uint8Array(Limits.maxPayloadBytes + 1)
const hugeString = 'x'.repeat(100_000)

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 40), max: -1 }),
  fc.integer({ min: 65_536, max: 2 ** 40 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, 1.5, -0),
  fc.string(),
  fc.constant(hugeString),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', 'host name with spaces', 'a'.repeat(300)),
  fc.constant(oversizedPayload),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown),
)

/** A valid request per channel; the fuzzer breaks one field of it, adds a hostile key, or replaces it whole. */
const validRequests: Record<ChannelName, Record<string, unknown> | undefined> = {
  openSession: { kind: 'tcp-client', host: '127.0.0.1', port: 9 },
  closeSession: { sessionId: 'missing' },
  removeSession: { sessionId: 'missing' },
  listSessions: undefined,
  send: { sessionId: 'missing', data: new Uint8Array([1, 2, 3]) },
  disconnect: { sessionId: 'missing', connectionId: 'missing', mode: 'reset' },
  halfClose: { sessionId: 'missing' },
  stopListening: { sessionId: 'missing' },
  resumeListening: { sessionId: 'missing' },
  reopenSession: { sessionId: 'missing' },
  membership: { sessionId: 'missing', action: 'join', group: '239.1.2.3' },
  setFraming: { sessionId: 'missing', framing: { mode: 'delimiter', delimiter: '\\n' } },
  sendMessage: {
    sessionId: 'missing',
    message: { payload: '{{counter}}', encoding: 'text', expandMacros: true },
  },
  repeatStart: { sessionId: 'missing', message: { payload: 'hi' }, everyMs: 10, times: 3 },
  repeatStop: { sessionId: 'missing' },
  repeatStatus: { sessionId: 'missing' },
  setAutoReply: {
    sessionId: 'missing',
    autoReply: { rules: [{ matchType: 'regex', match: '^GET (\\w+)', reply: '{{1}}' }], echo: false },
  },
  startGenerator: { sessionId: 'missing', rate: 100, size: 64, count: 10, measure: true },
  stopGenerator: { sessionId: 'missing' },
  setFaults: { sessionId: 'missing', faults: { toUpstream: { delayMs: 5 } } },
  inject: { sessionId: 'missing', connectionId: 'c1', direction: 'to-upstream', data: new Uint8Array([1]) },
  injectMessage: {
    sessionId: 'missing',
    direction: 'to-client',
    message: { payload: '{{counter}}', expandMacros: true },
  },
  listProfiles: undefined,
  saveProfile: { profile: { name: 'p', connection: { kind: 'udp' } }, overwrite: false },
  renameProfile: { from: 'missing', to: 'other' },
  duplicateProfile: { name: 'missing' },
  deleteProfile: { name: 'missing' },
  exportProfiles: { names: ['missing'] },
  importProfiles: { text: '{}' },
  importPacketSender: { text: '[]' },
  startCapture: { sessionId: 'missing' },
  stopCapture: { sessionId: 'missing' },
  captureStatus: { sessionId: 'missing' },
  exportPcapng: { sessionId: 'missing' },
}

function hostileRequest(channel: ChannelName): fc.Arbitrary<unknown> {
  const base = validRequests[channel] ?? {}
  const keys = Object.keys(base)
  const breakOneField =
    keys.length === 0
      ? hostileValue.map((value) => ({ unexpected: value }))
      : fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, value]) => ({ ...base, [key]: value }))
  // Parsed from JSON, as a wire payload would be, so `__proto__` is an own key rather than a prototype swap.
  const extraKey = fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString'),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([key, value]) => {
      const payload = JSON.parse(JSON.stringify({ [key]: value })) as Record<string, unknown>
      return Object.assign(payload, base)
    })
  return fc.oneof(breakOneField, extraKey, hostileValue)
}

/**
 * A hostile generator can, rarely, produce a request that is well-formed and real (a host string that resolves, a
 * session id that exists). Those are not hostile: they would rightly act, so they are set aside.
 */
function actsOnSomethingReal(channel: ChannelName, payload: unknown, manager: SessionManager): boolean {
  if (payloadShapeProblem(payload) !== undefined) return false
  const parsed = requestSchemas[channel].safeParse(payload)
  if (!parsed.success) return false
  const sessionId = (parsed.data as { sessionId?: string } | undefined)?.sessionId
  if (sessionId === undefined) return true
  return manager.list().some((session) => session.id === sessionId)
}

function fingerprint(manager: SessionManager): string {
  return JSON.stringify(manager.list().map((s) => [s.id, s.state, s.stats, s.connections.length]))
}

describe('handler table under hostile input', () => {
  let manager: SessionManager
  let profiles: ProfileStore
  let table: HandlerTable
  const dataDir = mkdtempSync(join(tmpdir(), 'handler-fuzz-'))

  beforeAll(async () => {
    manager = new SessionManager()
    profiles = new ProfileStore({ dataDir })
    table = createWorkbench({ dataDir, engine: manager, profiles }).handlers
    // Real sessions, so "unchanged" means something: a listening server and a bound UDP socket.
    await manager.open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      backlog: 511,
      maxConnections: 10,
      ipv6Only: false,
      exclusive: false,
      halfOpen: false,
    })
    await manager.open({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      reuseAddr: false,
      broadcast: false,
      multicastGroups: [],
      connectToRemote: false,
    })
  })

  afterAll(async () => {
    await manager.disposeAll()
    rmSync(dataDir, { recursive: true, force: true })
  })

  for (const channel of Object.keys(Channels) as ChannelName[]) {
    it(`${channel}: ${RUNS_PER_CHANNEL} hostile requests each get a coded error and change nothing`, async () => {
      const before = fingerprint(manager)
      const profilesBefore = JSON.stringify(await profiles.list())
      await fc.assert(
        fc.asyncProperty(hostileRequest(channel), async (payload) => {
          fc.pre(!actsOnSomethingReal(channel, payload, manager))
          const result = await table[channel](payload)
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.error.code).toMatch(/^E[A-Z_]+$/)
          expect(fingerprint(manager)).toBe(before)
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        }),
        { numRuns: RUNS_PER_CHANNEL },
      )
      expect(JSON.stringify(await profiles.list())).toBe(profilesBefore)
    }, 120_000)
  }
})
