import { createServer, type Server } from 'node:net'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate, median, round } from '../stats'

const BYTES = 128 * MIB
const ROUNDS = 5

/** Resolves once `bytes` more arrived, with the seconds it took from the call. */
type Receiver = {
  port: number
  receive(send: () => Promise<unknown>): Promise<number>
  close(): Promise<void>
}

async function timed(send: () => Promise<unknown>, arrived: Promise<void>): Promise<number> {
  const started = performance.now()
  await Promise.all([send(), arrived])
  return (performance.now() - started) / 1000
}

async function engineReceiver(): Promise<Receiver & { exact(rounds: number): boolean }> {
  const subject = new EngineUnderTest()
  const session = await subject.open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })
  let received = 0
  let waiting: { target: number; resolve: () => void } | undefined
  subject.engine.subscribe((event) => {
    if (event.type !== 'received') return
    received += event.byteLength
    if (waiting !== undefined && received >= waiting.target) waiting.resolve()
  })
  return {
    port: session.local!.port,
    receive: (send) =>
      timed(send, new Promise((resolve) => (waiting = { target: received + BYTES, resolve }))),
    exact: (rounds) =>
      subject.engine.stats(session.id).bytesIn === rounds * BYTES && received === rounds * BYTES,
    close: () => subject.dispose(),
  }
}

async function rawReceiver(): Promise<Receiver> {
  let received = 0
  let waiting: { target: number; resolve: () => void } | undefined
  const server: Server = createServer((socket) =>
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (waiting !== undefined && received >= waiting.target) waiting.resolve()
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    receive: (send) =>
      timed(send, new Promise((resolve) => (waiting = { target: received + BYTES, resolve }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export const tcpReceive: Benchmark = {
  name: 'tcp-receive',
  async run() {
    const sender = await startPeer('tcp-sender.ts')
    const ours = await engineReceiver()
    const raw = await rawReceiver()
    const flood = (port: number) => () => sender.request({ port, bytes: BYTES })
    try {
      const seconds = await alternate(
        ROUNDS,
        () => ours.receive(flood(ours.port)),
        () => raw.receive(flood(raw.port)),
      )
      const exact = ours.exact(WARM_UP_ROUNDS + ROUNDS)
      return [
        {
          result: {
            name: 'tcp-receive',
            unit: 'MiB/s',
            ours: round(BYTES / MIB / median(seconds.ours)),
            higherIsBetter: true,
            baseline: round(BYTES / MIB / median(seconds.baseline)),
            baselineName: 'raw node net server',
          },
          ratioGoal: 0.8,
          note: `${ROUNDS}× ${BYTES / MIB} MiB from a child process, median; counters ${exact ? 'exact' : 'NOT EXACT'}`,
        },
      ]
    } finally {
      await Promise.all([ours.close(), raw.close(), sender.stop()])
    }
  },
}
