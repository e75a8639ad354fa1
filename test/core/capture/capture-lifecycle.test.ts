import { readdirSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCapture } from '../../../electron/core/capture'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import { OwnErrorCode } from '../../../electron/shared'

// A recording lives exactly as long as its session: refused on a closed one, ended when its session closes or
// is removed. Counted in open file descriptors, the resource a leaked recording holds.

const openFiles = (): number => readdirSync('/proc/self/fd').length

/** Polls (each turn of the event loop) until `check` holds; a file closes asynchronously. */
async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('recording and the session lifecycle', () => {
  let dir: string
  let workbench: Workbench
  const captureDir = (): string => join(dir, 'captures')

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-lifecycle-'))
    workbench = createWorkbench({ dataDir: dir })
  })

  afterEach(async () => {
    await workbench.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  // Through the engine, not the handler: the handler also notes a recent endpoint in the profiles file.
  const openUdp = async (): Promise<string> =>
    (
      await workbench.engine.open({
        kind: 'udp',
        host: '127.0.0.1',
        port: 0,
        reuseAddr: false,
        broadcast: false,
        multicastGroups: [],
        connectToRemote: false,
      })
    ).id

  it('refuses Record on a closed session with ERR_SESSION_STATE, 300 times, without opening a file', async () => {
    const { handlers, engine } = workbench
    const baseline = openFiles()
    for (let round = 0; round < 300; round++) {
      const sessionId = await openUdp()
      await engine.close(sessionId)
      expect(await handlers.startCapture({ sessionId })).toEqual({
        ok: false,
        error: { code: OwnErrorCode.wrongState, message: expect.stringMatching(/closed/), sessionId },
      })
      await engine.remove(sessionId)
    }
    expect(openFiles()).toBeLessThanOrEqual(baseline)
    expect(await readdir(dir)).not.toContain('captures')
  })

  it('ends a recording when its session is removed, and the file is complete', async () => {
    const { captures, engine } = workbench
    const baseline = openFiles()
    const sessionId = await openUdp()
    const { path } = await captures.start(sessionId)
    expect(openFiles()).toBeGreaterThan(baseline)
    await engine.remove(sessionId)
    await until(() => openFiles() <= baseline, 'the capture file to close')
    const { events, partialTail } = await readCapture(path)
    expect(partialTail).toBe(0)
    expect(events.at(-1)).toMatchObject({ type: 'close', scope: 'session' })
  })

  it('ends a recording whose session closed while its file was being opened', async () => {
    const { captures, engine } = workbench
    const baseline = openFiles()
    const sessionId = await openUdp()
    const starting = captures.start(sessionId)
    await engine.close(sessionId)
    expect(await starting).toMatchObject({ state: 'stopped' })
    await until(() => openFiles() <= baseline, 'the capture file to close')
    expect(captures.status(sessionId)).toMatchObject({ state: 'stopped' })
  })

  it('holds no file open after 200 rounds of record, close and remove', async () => {
    const { handlers, engine } = workbench
    const baseline = openFiles()
    for (let round = 0; round < 200; round++) {
      const sessionId = await openUdp()
      expect(await handlers.startCapture({ sessionId })).toMatchObject({ ok: true })
      await engine.close(sessionId)
      expect(await handlers.stopCapture({ sessionId })).toMatchObject({
        ok: true,
        value: { state: 'stopped' },
      })
      expect(await handlers.startCapture({ sessionId })).toMatchObject({ ok: false })
      await engine.remove(sessionId)
    }
    await until(() => openFiles() <= baseline, 'every capture file to close')
    expect(readdirSync(captureDir())).toHaveLength(200)
  })
})
