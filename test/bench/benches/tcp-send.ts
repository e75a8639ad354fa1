import { connect, type Socket } from 'node:net'
import type { Benchmark } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { startPeer, type PeerProcess } from '../peer-process'
import { MIB, WARM_UP_ROUNDS, alternate, median, round } from '../stats'

const BYTES = 128 * MIB
const CHUNK = Buffer.alloc(64 * 1024, 0x63)
const ROUNDS = 5
/** Sends awaiting the kernel at once: enough to keep the socket busy, as a sending loop in the UI would. */
const IN_FLIGHT = 16

async function timedUntilSinkHas(sink: PeerProcess, send: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await Promise.all([sink.request({ expect: BYTES }), send()])
  return (performance.now() - started) / 1000
}

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

function sendRaw(socket: Socket): Promise<void> {
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

export const tcpSend: Benchmark = {
  name: 'tcp-send',
  async run() {
    const sink = await startPeer('tcp-sink.ts')
    const { port } = await sink.request<{ port: number }>({ listen: true })
    const subject = new EngineUnderTest()
    const session = await subject.open({ kind: 'tcp-client', host: '127.0.0.1', port })
    const raw = connect(port, '127.0.0.1')
    await new Promise((resolve) => raw.once('connect', resolve))
    try {
      const seconds = await alternate(
        ROUNDS,
        () => timedUntilSinkHas(sink, () => sendThroughEngine(subject, session.id)),
        () => timedUntilSinkHas(sink, () => sendRaw(raw)),
      )
      const exact = subject.engine.stats(session.id).bytesOut === (WARM_UP_ROUNDS + ROUNDS) * BYTES
      return [
        {
          result: {
            name: 'tcp-send',
            unit: 'MiB/s',
            ours: round(BYTES / MIB / median(seconds.ours)),
            higherIsBetter: true,
            baseline: round(BYTES / MIB / median(seconds.baseline)),
            baselineName: 'raw net.Socket writes',
          },
          ratioGoal: 0.8,
          note: `${ROUNDS}× ${BYTES / MIB} MiB in 64 KiB sends to a child-process sink, median; counters ${exact ? 'exact' : 'NOT EXACT'}`,
        },
      ]
    } finally {
      raw.destroy()
      await Promise.all([subject.dispose(), sink.stop()])
    }
  },
}
