import { spawn } from 'node:child_process'
import { createSocket, type Socket } from 'node:dgram'
import { once } from 'node:events'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Benchmark, Measurement } from '../bench-types'
import { EngineUnderTest } from '../engine-under-test'
import { findProgram, runGenerator, udpBlackhole } from '../generator-kit'
import { alternate, median, round } from '../stats'

const SIZE = 64
const RUN_MS = 2_000
const ROUNDS = 3
/** The raw loop keeps as many sends awaiting their callback as the generator does by default. */
const IN_FLIGHT = 256
const PACKET_SENDER_COUNT = 100_000

/** A plain node dgram send loop: connected socket, one buffer, bounded sends in flight, for RUN_MS. */
function rawSendLoop(socket: Socket): Promise<number> {
  const datagram = Buffer.alloc(SIZE)
  return new Promise((resolve) => {
    const started = performance.now()
    let sent = 0
    let inFlight = 0
    let over = false
    const onSent = (): void => {
      inFlight--
      sent++
      if (over) {
        if (inFlight === 0) resolve((sent * 1000) / (performance.now() - started))
        return
      }
      if (inFlight === 0) pump()
    }
    function pump(): void {
      if (performance.now() - started >= RUN_MS) {
        over = true
        if (inFlight === 0) resolve((sent * 1000) / (performance.now() - started))
        return
      }
      for (let i = 0; i < IN_FLIGHT && inFlight < IN_FLIGHT; i++) {
        inFlight++
        socket.send(datagram, onSent)
      }
    }
    pump()
  })
}

/** Round trips of another session (its own socket, a python-free node echo) while the generator runs. */
async function echoRoundTrips(subject: EngineUnderTest, during: () => Promise<unknown>): Promise<number[]> {
  const echo = createSocket('udp4')
  echo.on('message', (data, from) => echo.send(data, from.port, from.address))
  echo.bind(0, '127.0.0.1')
  await once(echo, 'listening')
  const other = await subject.open({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: echo.address().port,
  })
  const rtts: number[] = []
  let sentAt = 0
  const unsubscribe = subject.engine.subscribe((event) => {
    if (event.sessionId === other.id && event.type === 'received') rtts.push(performance.now() - sentAt)
  })
  const timer = setInterval(() => {
    sentAt = performance.now()
    void subject.engine.send({ sessionId: other.id, data: new Uint8Array(8) })
  }, 20)
  try {
    await during()
  } finally {
    clearInterval(timer)
    unsubscribe()
    echo.close()
    await subject.engine.close(other.id)
  }
  return rtts
}

/**
 * Packet Sender's CLI "intense traffic" mode free-running N datagrams of the same size. It is not part of CI (no
 * bench is): install it with `apt-get install packetsender` (Debian; its CLI needs no display), else this comparison
 * is skipped with that line.
 */
async function packetSender(port: number): Promise<Measurement | string> {
  const program = findProgram('packetsender')
  if (program === undefined)
    return 'packetsender is not installed (apt-get install packetsender): comparison skipped'
  const started = performance.now()
  const child = spawn(
    program,
    [
      '-q',
      '-u',
      // Pure ASCII: by default it reads the data as hex, and 64 letters 'a' would be 32 bytes of 0xaa.
      '-A',
      '--num',
      String(PACKET_SENDER_COUNT),
      '--usdelay',
      '0',
      '127.0.0.1',
      String(port),
      'a'.repeat(SIZE),
    ],
    { stdio: 'ignore' },
  )
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) return `packetsender exited with ${code}: comparison skipped`
  return {
    result: {
      name: 'generator-udp/packetsender',
      unit: 'datagrams/s',
      ours: 0,
      higherIsBetter: true,
      baseline: round((PACKET_SENDER_COUNT * 1000) / (performance.now() - started), 0),
      baselineName: 'packetsender -u -A --num N --usdelay 0',
    },
  }
}

export const generatorUdp: Benchmark = {
  name: 'generator-udp',
  async run() {
    const sink = await udpBlackhole()
    const subject = new EngineUnderTest()
    const session = await subject.open({
      kind: 'udp',
      host: '127.0.0.1',
      remoteHost: '127.0.0.1',
      remotePort: sink.port,
      connectToRemote: true,
    })
    const raw = createSocket('udp4')
    raw.connect(sink.port, '127.0.0.1')
    await once(raw, 'connect')
    const delay = monitorEventLoopDelay({ resolution: 1 })
    try {
      const generate = async (): Promise<number> =>
        (await runGenerator(subject, { sessionId: session.id, size: SIZE, durationMs: RUN_MS })).achievedRate
      const rates = await alternate(ROUNDS, generate, () => rawSendLoop(raw))
      const idle = await echoRoundTrips(subject, () => new Promise((resolve) => setTimeout(resolve, RUN_MS)))
      delay.enable()
      const busy = await echoRoundTrips(subject, generate)
      delay.disable()
      const ours = median(rates.ours)
      const measurements: Measurement[] = [
        {
          result: {
            name: 'generator-udp',
            unit: 'datagrams/s',
            ours: round(ours, 0),
            higherIsBetter: true,
            baseline: round(median(rates.baseline), 0),
            baselineName: 'raw node dgram send loop',
          },
          ratioGoal: 0.8,
          note:
            `${ROUNDS}× ${RUN_MS / 1000} s of ${SIZE} B, as fast as possible, median. Another session's echo RTT ` +
            `p50 ${round(median(busy), 2)} ms while generating (${round(median(idle), 2)} ms idle); event-loop delay ` +
            `p99 ${round(delay.percentile(99) / 1e6, 1)} ms`,
        },
      ]
      const compared = await packetSender(sink.port)
      if (typeof compared === 'string') process.stdout.write(`  ${compared}\n`)
      else {
        compared.result.ours = round(ours, 0)
        compared.ratioGoal = 3
        measurements.push(compared)
      }
      return measurements
    } finally {
      raw.close()
      sink.stop()
      await subject.dispose()
    }
  },
}
