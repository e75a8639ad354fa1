import { connect } from 'node:tls'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer, type PeerProcess } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate } from '../stats'
import { BYTES, ROUNDS, credentials, measurement, timed } from '../tls-kit'
import { sendRaw, sendThroughEngine } from '../send-loops'

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
        () => untilSinkHas(sink, () => sendThroughEngine(subject, session.id, BYTES)),
        () => untilSinkHas(sink, () => sendRaw(raw, BYTES)),
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
