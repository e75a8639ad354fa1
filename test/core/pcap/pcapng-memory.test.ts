import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CAPTURE_FORMAT, CAPTURE_VERSION } from '../../../electron/core/capture'
import { encodeRecord } from '../../../electron/core/capture/capture-format'
import type { Endpoint, SessionEvent } from '../../../electron/shared'

// The converter streams: its peak memory must not grow with the capture. A 768 MiB transfer (a 1 GiB capture
// file, the figure) is converted in a process of its own and its peak RSS compared with that of converting
// a tiny capture (about 15 s here; PCAP_MEMORY_MIB sets another transfer size).

const child = join(import.meta.dirname, 'fixtures', 'convert-and-report.ts')
const CHUNK = 64 * 1024
const LARGE_PAYLOAD = Number(process.env.PCAP_MEMORY_MIB ?? 768) * 1024 * 1024
/** Far below the capture's size: what one event, the read and write buffers and the garbage between GCs take. */
const MAX_GROWTH = 96 * 1024 * 1024

interface Report {
  packets: number
  bytes: number
  ms: number
  maxRssBytes: number
}

const local: Endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' }
const remote: Endpoint = { address: '127.0.0.1', port: 50_000, family: 'IPv4' }

/** A TCP server's capture: one accepted connection, then `payloadBytes` received and sent in 64 KiB events. */
async function writeCapture(path: string, payloadBytes: number): Promise<void> {
  const out = createWriteStream(path)
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain')
  }
  const header = {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    startedAt: 0,
    session: { id: 's1', kind: 'tcp-server', options: { kind: 'tcp-server' }, local },
  }
  await write(`${JSON.stringify(header)}\n`)
  let seq = 0
  const event = (body: object): SessionEvent =>
    ({
      ...body,
      sessionId: 's1',
      connectionId: 'c1',
      seq: ++seq,
      time: 1_700_000_000_000 + seq,
    }) as SessionEvent
  await write(encodeRecord(event({ type: 'accept', local, remote })))
  const data = new Uint8Array(CHUNK)
  for (let sent = 0; sent < payloadBytes; sent += CHUNK) {
    data.fill(seq & 0xff)
    const type = seq % 2 === 0 ? 'received' : 'sent'
    await write(encodeRecord(event({ type, byteLength: CHUNK, data, remote })))
  }
  out.end()
  await once(out, 'close')
}

function convertInChild(capture: string, out: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', child, capture, out],
      { timeout: 300_000 },
      (error, stdout) => {
        if (error !== null) return reject(error)
        resolve(JSON.parse(stdout) as Report)
      },
    )
  })
}

describe('converting a large capture', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcapng-memory-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it(
    'keeps peak memory bounded: a 1 GiB capture costs no more than a tiny one, give or take 96 MiB',
    { timeout: 600_000 },
    async () => {
      await writeCapture(join(dir, 'small.jsonl'), CHUNK)
      await writeCapture(join(dir, 'large.jsonl'), LARGE_PAYLOAD)
      const small = await convertInChild(join(dir, 'small.jsonl'), join(dir, 'small.pcapng'))
      const large = await convertInChild(join(dir, 'large.jsonl'), join(dir, 'large.pcapng'))
      const captureSize = (await stat(join(dir, 'large.jsonl'))).size
      const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
      console.info(
        `pcapng export: capture ${mib(captureSize)} → ${mib(large.bytes)} in ${large.ms} ms; ` +
          `peak RSS ${mib(large.maxRssBytes)} (a tiny capture: ${mib(small.maxRssBytes)})`,
      )

      // Handshake, then each 64 KiB event: two segments (65,495 + 41 bytes), each with its ACK.
      expect(large.packets).toBe(3 + (LARGE_PAYLOAD / CHUNK) * 4)
      expect(large.bytes).toBe((await stat(join(dir, 'large.pcapng'))).size)
      expect(large.bytes).toBeGreaterThan(LARGE_PAYLOAD)
      expect(large.maxRssBytes - small.maxRssBytes).toBeLessThan(MAX_GROWTH)
    },
  )
})
