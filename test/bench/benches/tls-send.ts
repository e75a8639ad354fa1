import { connect, type TLSSocket } from 'node:tls'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer, type PeerProcess } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate } from '../stats'
import { BYTES, CHUNK, IN_FLIGHT, ROUNDS, credentials, measurement, timed } from '../tls-kit'

function sendThroughEngine(subject: EngineUnderTest, sessionId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let queued = 0
    let settled = 0
    let inFlight = 0
    function pump(): void {
      while (queued < BYTES && inFlight < IN_FLIGHT) {
        queued += CHUNK.length
        inFlight++
        subject.engine.send({ sessionId, data: CHUNK }).then(() => {
          inFlight--
          settled += CHUNK.length
          if (settled >= BYTES) resolve()
          else pump()
        }, reject)
      }
    }
    pump()
  })
}

function sendRaw(socket: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    let written = 0
    function pump(): void {
      while (written < BYTES) {
        written += CHUNK.length
        if (!socket.write(CHUNK)) return void socket.once('drain', pump)
      }
      resolve()
    }
    pump()
  })
}

const untilSinkHas = (sink: PeerProcess, send: () => Promise<void>): Promise<number> =>
  timed(send, sink.request({ expect: BYTES }))

export const tlsSend: Benchmark = {
  name: 'tls-send',
  async run() {
    const files = await credentials()
    const sink = await startPeer('tls-sink.ts')
    const { port } = await sink.request<{ port: number }>({
      listen: true,
      cert: files.pair.certificatePem,
      key: files.pair.keyPem,
    })
    const subject = new EngineUnderTest()
    const session = await subject.open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port,
      tls: { caFiles: [files.certFile] },
    })
    const raw = connect({ port, host: '127.0.0.1', ca: files.pair.certificatePem })
    await new Promise((resolve) => raw.once('secureConnect', resolve))
    try {
      const seconds = await alternate(
        ROUNDS,
        () => untilSinkHas(sink, () => sendThroughEngine(subject, session.id)),
        () => untilSinkHas(sink, () => sendRaw(raw)),
      )
      const exact = subject.engine.stats(session.id).bytesOut === (WARM_UP_ROUNDS + ROUNDS) * BYTES
      return [
        measurement(
          'tls-send',
          seconds,
          'raw node tls socket writes',
          `${ROUNDS}× ${BYTES / MIB} MiB over TLS to a child process, median; plaintext counters ${exact ? 'exact' : 'NOT EXACT'}`,
        ),
      ]
    } finally {
      raw.destroy()
      await Promise.all([subject.dispose(), sink.stop()])
      files.remove()
    }
  },
}
