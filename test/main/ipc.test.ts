import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createWorkbench } from '../../electron/core/workbench'
import type { ProfileService } from '../../electron/core/profiles'
import { MAX_ANSWER_BYTES } from '../../electron/core/answer-limit'
import {
  Channels,
  Limits,
  OwnErrorCode,
  type ChannelName,
  type Result,
  type SessionInfo,
} from '../../electron/shared'
import { ipcMain } from './fake-electron'
import { createFakeEngine, recordingService } from './fake-engine'
import { UNTRUSTED_SENDER_CODE, handle } from '../../electron/main/ipc'

vi.mock('electron', () => import('./fake-electron'))

const APP_ORIGIN = 'app://renderer'
const mainFrame = { origin: APP_ORIGIN, parent: null }
const channelNames = Object.keys(Channels) as ChannelName[]
const captureDir = mkdtempSync(join(tmpdir(), 'ipc-captures-'))
afterAll(() => rmSync(captureDir, { recursive: true, force: true }))

/** Calls a registered channel the way ipcMain would for a renderer's invoke(). */
function invoke(channel: string, senderFrame: unknown, payload: unknown): Promise<Result<unknown>> {
  const listener = ipcMain.handlers.get(channel)
  if (listener === undefined) throw new Error(`no handler for ${channel}`)
  return listener({ senderFrame }, payload) as Promise<Result<unknown>>
}

/** A well-formed payload per session channel: only the sender decides whether it is refused. */
const wellFormed: Partial<Record<ChannelName, unknown>> = {
  openSession: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
  closeSession: { sessionId: 's1' },
  removeSession: { sessionId: 's1' },
  listSessions: undefined,
  send: { sessionId: 's1', data: new Uint8Array([1, 2, 3]) },
  disconnect: { sessionId: 's1' },
  halfClose: { sessionId: 's1' },
  stopListening: { sessionId: 's1' },
  membership: { sessionId: 's1', action: 'join', group: '239.1.2.3' },
}

/** Payloads no channel accepts: every request is an object (or nothing at all). */
const malformedEverywhere: unknown[] = [42, 'text', true, [], [{}], new Uint8Array(4)]

/** Payloads each session channel must refuse before the engine sees them. */
const malformed: Partial<Record<ChannelName, unknown[]>> = {
  openSession: [
    null,
    'tcp-client',
    { kind: 'sctp', host: '127.0.0.1', port: 1 },
    { kind: 'tcp-client', host: '127.0.0.1', port: 65_536 },
    { kind: 'tcp-client', host: '127.0.0.1', port: -1 },
    { kind: 'tcp-client', host: 'a b', port: 80 },
    { kind: 'tcp-client', host: 'h'.repeat(Limits.maxHostLength + 1), port: 80 },
    { kind: 'tcp-server', port: 0, extra: true },
    { kind: 'udp', port: 1.5 },
  ],
  closeSession: [undefined, {}, { sessionId: '' }, { sessionId: 42 }, { sessionId: 'x'.repeat(65) }],
  removeSession: [null, { sessionId: 's1', force: true }],
  listSessions: ['all', 42, { filter: 'tcp' }],
  send: [
    { sessionId: 's1' },
    { sessionId: 's1', data: 'text is not bytes' },
    { sessionId: 's1', data: [1, 2, 3] },
    { sessionId: 's1', data: new Uint8Array(Limits.maxPayloadBytes + 1) },
    { sessionId: 's1', data: new Uint8Array(1), remotePort: 0 },
  ],
  disconnect: [{}, { sessionId: 's1', mode: 'explode' }],
  halfClose: [{ connectionId: 'c1' }, { sessionId: ['s1'] }],
  stopListening: [{ sessionId: null }],
  membership: [
    { sessionId: 's1', action: 'subscribe', group: '239.1.2.3' },
    { sessionId: 's1', action: 'join' },
    { sessionId: 's1', action: 'join', group: '239.1.2.3; rm -rf /' },
  ],
}

describe('handle()', () => {
  let fake: ReturnType<typeof createFakeEngine>
  let serviceCalls: string[]
  let unregister: () => void

  const register = (trustedOrigins: string[]) => {
    serviceCalls = []
    const profiles = recordingService<ProfileService>('profiles', serviceCalls)
    unregister = handle(
      createWorkbench({ dataDir: captureDir, engine: fake.engine, profiles, captureDir }).handlers,
      trustedOrigins,
    )
    fake.clearCalls()
  }

  /** Nothing behind the handler table was asked to do anything. */
  const expectUntouched = () => {
    expect(fake.calledMethods()).toEqual([])
    expect(serviceCalls).toEqual([])
  }

  beforeEach(() => {
    fake = createFakeEngine()
    register([APP_ORIGIN])
  })

  afterEach(() => unregister())

  it('registers every channel of the table, and removes them again', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(Channels).sort())
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
    register([APP_ORIGIN])
  })

  const untrustedSenders: [string, unknown][] = [
    ['a null frame (navigated away or destroyed)', null],
    ['a subframe of the app', { origin: APP_ORIGIN, parent: mainFrame }],
    ['a main frame of another origin', { origin: 'https://evil.example', parent: null }],
    ['a main frame with an opaque origin', { origin: 'null', parent: null }],
    ['a main frame of a file URL', { origin: 'file://', parent: null }],
  ]

  describe.each(untrustedSenders)('refuses %s', (_name, frame) => {
    it.each(channelNames)('on %s, with EACCES and without touching the engine', async (name) => {
      const result = await invoke(Channels[name], frame, wellFormed[name])
      expect(result).toEqual({
        ok: false,
        error: { code: UNTRUSTED_SENDER_CODE, message: expect.any(String) },
      })
      expectUntouched()
    })
  })

  it.each(channelNames)(
    'answers malformed %s payloads with ERR_INVALID_REQUEST and leaves the engine untouched',
    async (name) => {
      for (const [index, payload] of [...malformedEverywhere, ...(malformed[name] ?? [])].entries()) {
        const result = await invoke(Channels[name], mainFrame, payload)
        expect(result, `payload #${index}`).toMatchObject({
          ok: false,
          error: { code: OwnErrorCode.invalidRequest },
        })
      }
      expectUntouched()
    },
  )

  it('trusts the dev server origin when it is the one given', async () => {
    unregister()
    register(['http://localhost:5173'])
    const devFrame = { origin: 'http://localhost:5173', parent: null }
    await expect(invoke(Channels.listSessions, devFrame, undefined)).resolves.toEqual({ ok: true, value: [] })
    await expect(invoke(Channels.listSessions, mainFrame, undefined)).resolves.toMatchObject({ ok: false })
  })

  it('answers ERR_LIMIT in place of an answer too large for IPC, ERR_INTERNAL for one it cannot clone', async () => {
    const huge = [{ id: 'x'.repeat(MAX_ANSWER_BYTES) }] as unknown as SessionInfo[]
    const uncloneable = [{ id: () => 's1' }] as unknown as SessionInfo[]
    fake.engine.list.mockReturnValueOnce(huge).mockReturnValueOnce(uncloneable)
    expect(await invoke(Channels.listSessions, mainFrame, undefined)).toEqual({
      ok: false,
      error: { code: OwnErrorCode.limit, message: expect.stringMatching(/session:list is too large/) },
    })
    expect(await invoke(Channels.listSessions, mainFrame, undefined)).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.internal },
    })
    expect(await invoke(Channels.listSessions, mainFrame, undefined)).toEqual({ ok: true, value: [] })
  })

  it('passes a trusted, well-formed request to the engine and returns its value', async () => {
    const result = await invoke(Channels.send, mainFrame, wellFormed.send)
    expect(result).toEqual({ ok: true, value: { bytes: 0, targets: 0 } })
    expect(fake.engine.send).toHaveBeenCalledExactlyOnceWith({
      sessionId: 's1',
      data: new Uint8Array([1, 2, 3]),
    })
  })
})
