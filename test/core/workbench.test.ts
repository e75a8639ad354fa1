import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCapture } from '../../electron/core/capture'
import { createWorkbench, type Workbench } from '../../electron/core/workbench'
import { Channels, type SessionInfo } from '../../electron/shared'
import { nodeTcpClient, within } from '../helpers/peers'

// The composition root: one object graph for Electron main, web mode and the CLI, and one dispose().

describe('createWorkbench', () => {
  let dataDir: string
  let workbench: Workbench

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'workbench-'))
    workbench = createWorkbench({ dataDir })
  })

  afterEach(async () => {
    await workbench.dispose()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('has a handler for every channel', () => {
    expect(Object.keys(workbench.handlers).sort()).toEqual(Object.keys(Channels).sort())
  })

  it('leaves a capture in progress complete on disk after dispose, closing events included', async () => {
    const opened = await workbench.handlers.openSession({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
    if (!opened.ok) throw new Error(opened.error.message)
    const server: SessionInfo = opened.value
    const capture = await workbench.handlers.startCapture({ sessionId: server.id })
    if (!capture.ok) throw new Error(capture.error.message)

    const peer = await nodeTcpClient('127.0.0.1', server.local!.port)
    const received = new Promise<void>((resolve) => {
      const unsubscribe = workbench.engine.subscribe((event) => {
        if (event.type !== 'received') return
        unsubscribe()
        resolve()
      })
    })
    peer.socket.write('recorded before dispose')
    await within(received, 'the server to receive')

    await workbench.dispose()
    await within(peer.closed, 'the peer to see the close')

    const { events, partialTail } = await readCapture(capture.value.path)
    expect(partialTail).toBe(0)
    const payload = events.find((event) => event.type === 'received')
    expect(payload && new TextDecoder().decode(payload.data)).toBe('recorded before dispose')
    // A capture ends with its session's close: the file holds everything up to it.
    expect(events.at(-1)).toMatchObject({ type: 'close', scope: 'session', cause: 'local' })
  })

  it('can be disposed twice', async () => {
    await workbench.dispose()
    await expect(workbench.dispose()).resolves.toBeUndefined()
  })
})
