import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCapture } from '../../../electron/core/capture'
import { SessionManager } from '../../../electron/core/engine'
import type { HandlerDeps, HandlerTable } from '../../../electron/core/handler-table'
import { createWorkbench } from '../../../electron/core/workbench'
import type { CaptureStatus } from '../../../electron/shared'

describe('capture channels of the handler table', () => {
  let dir: string
  let engine: SessionManager
  let table: HandlerTable

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-handlers-'))
    engine = new SessionManager()
    // Profiles play no part here.
    table = createWorkbench({
      dataDir: dir,
      engine,
      profiles: {} as HandlerDeps['profiles'],
      captureDir: join(dir, 'captures'),
    }).handlers
  })

  afterEach(async () => {
    await engine.disposeAll()
    await rm(dir, { recursive: true, force: true })
  })

  it('starts, reports and stops a capture in the folder the transport gave', async () => {
    const session = await engine.open({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      reuseAddr: false,
      broadcast: false,
      multicastGroups: [],
      connectToRemote: false,
    })
    expect(await table.captureStatus({ sessionId: session.id })).toEqual({ ok: true, value: null })

    const started = await table.startCapture({ sessionId: session.id })
    expect(started).toMatchObject({ ok: true, value: { state: 'recording' } })
    const { path } = (started as { value: CaptureStatus }).value
    expect(dirname(path)).toBe(join(dir, 'captures'))

    const stopped = await table.stopCapture({ sessionId: session.id })
    expect(stopped).toMatchObject({ ok: true, value: { state: 'stopped', path } })
    expect((await readCapture(path)).header?.session.id).toBe(session.id)
  })

  it('answers bad requests and unknown sessions with coded errors', async () => {
    expect(await table.startCapture({ sessionId: 7 })).toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_REQUEST' },
    })
    expect(await table.startCapture({ sessionId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_NO_SESSION' },
    })
    expect(await table.stopCapture({ sessionId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_SESSION_STATE' },
    })
  })
})
