import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCaptureService, readCapture } from '../../../electron/core/capture'
import { SessionManager } from '../../../electron/core/engine'
import { eachSessionEvent, type SessionEvent } from '../../../electron/shared'

const TEN_MIB = 10 * 1024 * 1024

function waitFor(
  engine: SessionManager,
  done: (event: SessionEvent) => boolean,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`timed out waiting for ${what}`))
    }, 15_000)
    const unsubscribe = engine.subscribe(
      eachSessionEvent((event) => {
        if (!done(event)) return
        clearTimeout(timer)
        unsubscribe()
        resolve()
      }),
    )
  })
}

describe('capture of a real session', () => {
  let dir: string
  let engine: SessionManager

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-engine-'))
    engine = new SessionManager()
  })

  afterEach(async () => {
    await engine.disposeAll()
    await rm(dir, { recursive: true, force: true })
  })

  it('holds a 10 MiB transfer from an outside peer byte for byte, and the bytes sent back', async () => {
    const server = await engine.open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      backlog: 511,
      maxConnections: 10,
      ipv6Only: false,
      exclusive: false,
      halfOpen: false,
    })
    const captures = createCaptureService({ engine, dir })
    const { path } = await captures.start(server.id)

    const payload = randomBytes(TEN_MIB)
    const accepted = waitFor(engine, (event) => event.type === 'accept', 'accept')
    const peer = connect(server.local!.port, '127.0.0.1')
    const reply: Buffer[] = []
    peer.on('data', (chunk: Buffer) => reply.push(chunk))
    await once(peer, 'connect')
    await accepted
    const allReceived = waitFor(
      engine,
      () => engine.stats(server.id).bytesIn >= TEN_MIB,
      'all bytes to arrive',
    )
    peer.end(payload)
    await allReceived
    const answer = Buffer.from('thanks\n')
    await engine.send({ sessionId: server.id, data: answer })
    const peerClosed = once(peer, 'close')
    await engine.close(server.id)
    await peerClosed
    const status = await captures.stop(server.id)

    const { events, partialTail } = await readCapture(path)
    expect(partialTail).toBe(0)
    expect(status.events).toBe(events.length)
    const bytesOf = (type: 'received' | 'sent'): Buffer =>
      Buffer.concat(events.flatMap((event) => (event.type === type ? [event.data] : [])))
    expect(bytesOf('received').equals(payload)).toBe(true)
    expect(bytesOf('sent').equals(answer)).toBe(true)
    expect(Buffer.concat(reply).equals(answer)).toBe(true)
    const seqs = events.map((event) => event.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(events.at(-1)).toMatchObject({ type: 'close', scope: 'session' })
  })
})
