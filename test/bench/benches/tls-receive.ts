import { createServer, type Server } from 'node:tls'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate } from '../stats'
import { BYTES, ROUNDS, counterWaiter, credentials, measurement, timed } from '../tls-kit'

export const tlsReceive: Benchmark = {
  name: 'tls-receive',
  async run() {
    const files = await credentials()
    const sender = await startPeer('tls-sender.ts')
    const subject = new EngineUnderTest()
    const ours = counterWaiter()
    subject.engine.subscribe((event) => {
      if (event.type === 'received') ours.add(event.byteLength)
    })
    const session = await subject.open({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: files.certFile, keyFile: files.keyFile },
    })
    const raw = counterWaiter()
    const server: Server = createServer(
      { cert: files.pair.certificatePem, key: files.pair.keyPem },
      (socket) => socket.on('data', (chunk: Buffer) => raw.add(chunk.length)),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const flood = (port: number) => () => sender.request({ port, bytes: BYTES })
    try {
      const seconds = await alternate(
        ROUNDS,
        () => timed(flood(session.local!.port), ours.next()),
        () => timed(flood((server.address() as { port: number }).port), raw.next()),
      )
      const rounds = WARM_UP_ROUNDS + ROUNDS
      const exact =
        subject.engine.stats(session.id).bytesIn === rounds * BYTES && ours.total === rounds * BYTES
      return [
        measurement(
          'tls-receive',
          seconds,
          'raw node tls server',
          `${ROUNDS}× ${BYTES / MIB} MiB over TLS from a child process, median; plaintext counters ${exact ? 'exact' : 'NOT EXACT'}`,
        ),
      ]
    } finally {
      await Promise.all([subject.dispose(), new Promise((resolve) => server.close(resolve)), sender.stop()])
      files.remove()
    }
  },
}
