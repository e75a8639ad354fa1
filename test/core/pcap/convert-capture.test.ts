import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CaptureErrorCode, CAPTURE_FORMAT, CAPTURE_VERSION } from '../../../electron/core/capture'
import { encodeRecord } from '../../../electron/core/capture/capture-format'
import { convertCaptureToPcapng } from '../../../electron/core/pcap'
import { OwnErrorCode, type CloseCause, type Endpoint, type SessionEvent } from '../../../electron/shared'
import { needs } from '../../helpers/system-tools'
import { expertProblems, fields, followTcp, openWithTshark } from './pcap-test-kit'

// Captures written line by line here, where a test must choose the events exactly: a client's connect (a
// recording started from the UI begins after it), a file cut mid-record, and files that are not captures.

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5)
const local: Endpoint = { address: '127.0.0.1', port: 50_000, family: 'IPv4' }
const remote: Endpoint = { address: '127.0.0.1', port: 7, family: 'IPv4' }

type Body = SessionEvent extends infer Event
  ? Event extends SessionEvent
    ? Omit<Event, 'seq' | 'time' | 'sessionId'>
    : never
  : never

function clientCapture(bodies: Body[]): string {
  const header = {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    startedAt: T0,
    session: { id: 's1', kind: 'tcp-client', options: { kind: 'tcp-client', host: '127.0.0.1', port: 7 } },
  }
  const lines = bodies.map((body, index) =>
    encodeRecord({ ...body, sessionId: 's1', seq: index + 1, time: T0 + (index + 1) * 1.5 } as SessionEvent),
  )
  return [`${JSON.stringify(header)}\n`, ...lines].join('')
}

/** tshark's frame.time_epoch of a time in epoch milliseconds, counted in whole microseconds as in the file. */
function epoch(ms: number): string {
  const us = Math.round(ms * 1000)
  return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}000`
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const data = (type: 'sent' | 'received', text: string, remote?: Endpoint, connectionId?: string): Body =>
  remote === undefined
    ? { type, byteLength: text.length, data: bytes(text) }
    : { type, byteLength: text.length, data: bytes(text), remote, connectionId }

const CLIENT_SESSION: Body[] = [
  { type: 'socket', protocol: 'tcp' },
  { type: 'connect', remote },
  { type: 'connected', local, remote, latencyMs: 1.5 },
  data('sent', 'ping\n'),
  data('received', 'pong\n'),
  { type: 'end' },
  { type: 'close', scope: 'session', cause: 'peer' },
]

describe('convertCaptureToPcapng', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'convert-capture-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function captureFile(text: string): Promise<string> {
    const path = join(dir, 'capture.jsonl')
    await writeFile(path, text)
    return path
  }

  needs('tshark').describe('read by tshark', () => {
    it('draws a client’s SYN at connect() and the rest of the handshake at connected, from our port', async () => {
      const out = join(dir, 'client.pcapng')
      const result = await convertCaptureToPcapng(await captureFile(clientCapture(CLIENT_SESSION)), out)
      // Handshake 3, two data segments with their ACKs 4, the peer's FIN + ACK 2, ours + ACK 2.
      expect(result.packets).toBe(11)

      expect((await openWithTshark(out)).code).toBe(0)
      expect(await expertProblems(out)).toBe('')
      const rows = await fields(out, ['frame.time_epoch', 'tcp.srcport', 'tcp.flags.syn', 'tcp.flags.ack'])
      expect(rows.slice(0, 3)).toEqual([
        [epoch(T0 + 3), '50000', '1', '0'],
        [epoch(T0 + 4.5), '7', '1', '1'],
        [epoch(T0 + 4.5), '50000', '0', '1'],
      ])
      const follow = await followTcp(out)
      expect(follow.get('127.0.0.1:50000')?.toString()).toBe('ping\n')
      expect(follow.get('127.0.0.1:7')?.toString()).toBe('pong\n')
      const fins = await fields(out, ['tcp.srcport'], 'tcp.flags.fin == 1')
      expect(fins).toEqual([['7'], ['50000']]) // the peer's FIN came first
    })

    it('converts a capture cut mid-record up to its last complete record', async () => {
      const whole = clientCapture(CLIENT_SESSION.slice(0, 5)) // up to the reply
      const cut = whole.slice(0, whole.length - 20) // the reply's line loses its end
      const out = join(dir, 'cut.pcapng')
      const result = await convertCaptureToPcapng(await captureFile(cut), out)
      expect(result.packets).toBe(5) // handshake, ping and its ACK

      const opened = await openWithTshark(out)
      expect(opened.code).toBe(0)
      expect(opened.stderr).not.toMatch(/damaged|cut short/i)
      const follow = await followTcp(out)
      expect(follow.get('127.0.0.1:50000')?.toString()).toBe('ping\n')
      expect(follow.get('127.0.0.1:7')?.length ?? 0).toBe(0)
    })

    it('ends each connection by its close cause: our FIN, the peer’s RST, our RST after an error, both FINs, our abort', async () => {
      const server: Endpoint = { address: '127.0.0.1', port: 8, family: 'IPv4' }
      const peers = [1, 2, 3, 4, 5].map((n): Endpoint => ({
        address: '127.0.0.1',
        port: 50_000 + n,
        family: 'IPv4',
      }))
      const accept = (n: number): Body => ({
        type: 'accept',
        connectionId: `c${n}`,
        local: server,
        remote: peers[n - 1]!,
      })
      const close = (n: number, cause: CloseCause): Body => ({
        type: 'close',
        scope: 'connection',
        connectionId: `c${n}`,
        cause,
      })
      const capture = clientCapture([
        ...[1, 2, 3, 4, 5].map(accept),
        close(1, 'local'),
        close(2, 'reset'),
        close(3, 'error'),
        { type: 'half-close', connectionId: 'c4' },
        { type: 'end', connectionId: 'c4' },
        close(4, 'peer'),
        close(5, 'aborted'),
      ]).replace('"tcp-client"', '"tcp-server"')
      const out = join(dir, 'causes.pcapng')
      await convertCaptureToPcapng(await captureFile(capture), out)

      const endings = await fields(
        out,
        ['tcp.srcport', 'tcp.dstport', 'tcp.flags.fin', 'tcp.flags.reset'],
        'tcp.flags.fin == 1 || tcp.flags.reset == 1',
      )
      expect(endings).toEqual([
        ['8', '50001', '1', '0'],
        ['50002', '8', '0', '1'],
        ['8', '50003', '0', '1'],
        ['8', '50004', '1', '0'],
        ['50004', '8', '1', '0'],
        ['8', '50005', '0', '1'],
      ])
    })

    it('tells IPv4-mapped addresses of a dual-stack socket as IPv4, and IPv6 as IPv6, one interface each', async () => {
      const mapped: Endpoint = { address: '::ffff:127.0.0.1', port: 50_001, family: 'IPv6' }
      const six: Endpoint = { address: '::1', port: 50_002, family: 'IPv6' }
      const server: Endpoint = { address: '::', port: 8, family: 'IPv6' }
      const capture = clientCapture([
        { type: 'listen', local: server, backlog: 1 },
        {
          type: 'accept',
          connectionId: 'c1',
          local: { ...server, address: '::ffff:127.0.0.1' },
          remote: mapped,
        },
        { type: 'accept', connectionId: 'c2', local: { ...server, address: '::1' }, remote: six },
        data('received', 'four', mapped, 'c1'),
        data('received', 'six', six, 'c2'),
      ]).replace('"tcp-client"', '"tcp-server"')
      const out = join(dir, 'dual.pcapng')
      await convertCaptureToPcapng(await captureFile(capture), out)

      expect(await expertProblems(out)).toBe('')
      const rows = await fields(
        out,
        ['frame.interface_id', 'ip.src', 'ipv6.src', 'tcp.srcport'],
        'tcp.len > 0',
      )
      expect(rows).toEqual([
        ['0', '127.0.0.1', '', '50001'],
        ['1', '', '::1', '50002'],
      ])
    })
  })

  it('refuses a file that is not a capture with ECAPTURE_FORMAT and leaves nothing behind', async () => {
    const out = join(dir, 'out.pcapng')
    const unknownKind = clientCapture([]).replace('"tcp-client"', '"carrier-pigeon"')
    for (const text of ['hello\n', '{"type":"sent"}\n', '', unknownKind]) {
      await expect(convertCaptureToPcapng(await captureFile(text), out)).rejects.toMatchObject({
        code: CaptureErrorCode.format,
      })
    }
    expect(await readdir(dir)).toEqual(['capture.jsonl'])
  })

  it('answers a missing capture or folder with its errno, and refuses to overwrite the capture itself', async () => {
    await expect(
      convertCaptureToPcapng(join(dir, 'none.jsonl'), join(dir, 'out.pcapng')),
    ).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringContaining('none.jsonl'),
    })
    const capture = await captureFile(clientCapture(CLIENT_SESSION))
    await expect(convertCaptureToPcapng(capture, join(dir, 'no', 'out.pcapng'))).rejects.toMatchObject({
      code: 'ENOENT',
    })
    await expect(convertCaptureToPcapng(capture, capture)).rejects.toMatchObject({
      code: OwnErrorCode.invalidRequest,
    })
    expect(await readdir(dir)).toEqual(['capture.jsonl'])
  })
})
