import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../../electron/core/engine'
import type { HandlerTable } from '../../../electron/core/handler-table'
import { createWorkbench } from '../../../electron/core/workbench'
import { CaptureErrorCode } from '../../../electron/core/capture'
import { OwnErrorCode, type CaptureStatus, type PcapngExportInfo } from '../../../electron/shared'
import { nodeUdpPeer } from '../../helpers/peers'
import { needs } from '../../helpers/system-tools'
import { fields } from '../pcap/pcap-test-kit'
import { writeFile } from 'node:fs/promises'

describe('the exportPcapng channel', () => {
  let dir: string
  let engine: SessionManager
  let table: HandlerTable

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'export-pcapng-'))
    engine = new SessionManager()
    table = createWorkbench({ dataDir: dir, engine, captureDir: join(dir, 'captures') }).handlers
  })

  afterEach(async () => {
    await engine.disposeAll()
    await rm(dir, { recursive: true, force: true })
  })

  const openUdp = () =>
    engine.open({
      kind: 'udp',
      host: '127.0.0.1',
      port: 0,
      reuseAddr: false,
      broadcast: false,
      multicastGroups: [],
      connectToRemote: false,
    })

  async function started(sessionId: string): Promise<CaptureStatus> {
    const result = await table.startCapture({ sessionId })
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }

  needs('tshark').it('converts the last finished capture beside it and answers its path', async () => {
    const socket = await openUdp()
    const peer = await nodeUdpPeer('127.0.0.1')
    try {
      const { path: capture } = await started(socket.id)
      await engine.send({
        sessionId: socket.id,
        data: Buffer.from('to the peer'),
        remoteHost: '127.0.0.1',
        remotePort: peer.port,
      })
      await peer.nextMessage()
      await table.stopCapture({ sessionId: socket.id })

      const exported = await table.exportPcapng({ sessionId: socket.id })
      expect(exported.ok).toBe(true)
      const { path, packets, bytes } = (exported as { value: PcapngExportInfo }).value
      expect(dirname(path)).toBe(dirname(capture))
      expect(basename(path)).toBe(basename(capture).replace(/\.jsonl$/, '.pcapng'))
      expect([packets, bytes > 0]).toEqual([1, true])
      expect(await fields(path, ['udp.dstport', 'data.data'])).toEqual([
        [String(peer.port), Buffer.from('to the peer').toString('hex')],
      ])
      // Again: the same file, replaced, and no temporary file left beside it.
      expect(await table.exportPcapng({ sessionId: socket.id })).toMatchObject({
        ok: true,
        value: { path, packets: 1 },
      })
      expect((await readdir(dirname(path))).sort()).toEqual([basename(capture), basename(path)].sort())
    } finally {
      await peer.close()
    }
  })

  it('refuses while recording, without a recording, for unknown sessions and bad requests', async () => {
    const socket = await openUdp()
    expect(await table.exportPcapng({ sessionId: socket.id })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.wrongState, message: expect.stringContaining('not been recorded') },
    })
    const { path } = await started(socket.id)
    expect(await table.exportPcapng({ sessionId: socket.id })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.wrongState, message: expect.stringContaining('still being recorded') },
    })
    expect(await table.exportPcapng({ sessionId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.unknownSession },
    })
    expect(await table.exportPcapng({ sessionId: socket.id, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: OwnErrorCode.invalidRequest },
    })
    expect(await readdir(dirname(path))).toEqual([basename(path)])
  })

  it('answers a capture file that was replaced by something else with ECAPTURE_FORMAT, and writes nothing', async () => {
    const socket = await openUdp()
    const { path } = await started(socket.id)
    await table.stopCapture({ sessionId: socket.id })
    await writeFile(path, 'not a capture\n')
    expect(await table.exportPcapng({ sessionId: socket.id })).toMatchObject({
      ok: false,
      error: { code: CaptureErrorCode.format },
    })
    expect(await readdir(dirname(path))).toEqual([basename(path)])
  })
})
