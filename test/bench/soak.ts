import { once } from 'node:events'
import { connect } from 'node:net'
import { setTimeout as pause } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { eachSessionEvent, type SessionEvent, type SessionInfo } from '../../electron/shared'
import { pythonUdpEcho, socatTcpEchoServer, within, type ChildPeer } from '../helpers/peers'
import type { Benchmark, Measurement } from './bench-types'
import { EngineUnderTest } from './engine-under-test'
import { formatTable } from './report'
import { MIB, round } from './stats'

// `npm run bench -- soak` or `npx tsx test/bench/soak.ts`: minutes of mixed load on one engine (TCP echo through
// socat, a TCP server with clients coming and going, UDP ping-pong with a python3 echo), sampling memory and
// handles. It prints the samples and whether the last third grew against the first; it reports, never asserts.
// Every loop stops by itself at the deadline; every wait has a timeout.

const DEFAULT_SECONDS = 180
const ECHO_BYTES = 8 * 1024
const ECHO_EVERY_MS = 5
const PING_BYTES = 512
const PING_EVERY_MS = 5
/** A ping unanswered this long is counted lost (UDP may drop), and the loop goes on. */
const PING_TIMEOUT_MS = 1_000
const CHURN_CLIENTS = 5
const CHURN_EVERY_MS = 200
const WAIT_MS = 10_000
/** Growth of the last third over the first that still counts as stable. */
const MEMORY_GROWTH_LIMIT_PERCENT = 10
const HANDLE_GROWTH_LIMIT = 5

function soakSeconds(): number {
  const text = process.env.SOAK_SECONDS
  if (text === undefined || text === '') return DEFAULT_SECONDS
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`SOAK_SECONDS must be a positive number, not "${text}"`)
  return seconds
}

/** Collected garbage before each sample, so heap figures compare live objects rather than GC timing. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

interface Totals {
  echoRoundTrips: number
  echoMismatchedBytes: number
  pings: number
  pingsLost: number
  churnClients: number
}

interface Sample {
  seconds: number
  rssMiB: number
  heapMiB: number
  handles: number
  serverConnections: number
  totals: Totals
}

/** Resolves with the first event `matches` accepts (or times out); the listener removes itself either way. */
function nextEvent(
  subject: EngineUnderTest,
  matches: (event: SessionEvent) => boolean,
  what: string,
  ms = WAIT_MS,
) {
  let unsubscribe = (): void => undefined
  const seen = new Promise<SessionEvent>((resolve) => {
    unsubscribe = subject.engine.subscribe(
      eachSessionEvent((event) => {
        if (matches(event)) resolve(event)
      }),
    )
  })
  return within(seen, what, ms).finally(() => unsubscribe())
}

/** TCP client → socat PIPE and back; every echoed byte is checked against its place in the stream. */
async function echoLoop(
  subject: EngineUnderTest,
  port: number,
  deadline: number,
  totals: Totals,
): Promise<void> {
  const session = await subject.open({ kind: 'tcp-client', host: '127.0.0.1', port })
  const message = Uint8Array.from({ length: ECHO_BYTES }, (_value, index) => index % 251)
  let receivedBytes = 0
  const unsubscribe = subject.engine.subscribe((event) => {
    if (event.sessionId !== session.id || event.type !== 'received') return
    for (const byte of event.data) {
      if (byte !== (receivedBytes % ECHO_BYTES) % 251) totals.echoMismatchedBytes += 1
      receivedBytes += 1
    }
  })
  try {
    while (performance.now() < deadline) {
      const target = receivedBytes + ECHO_BYTES
      const echoed = nextEvent(subject, () => receivedBytes >= target, 'the echo from socat')
      await subject.engine.send({ sessionId: session.id, data: message })
      await echoed
      totals.echoRoundTrips += 1
      await pause(ECHO_EVERY_MS)
    }
  } finally {
    unsubscribe()
    await subject.engine.remove(session.id)
  }
}

/** UDP datagrams numbered in their first four bytes, each answered by the python3 echo (or counted lost). */
async function pingLoop(
  subject: EngineUnderTest,
  port: number,
  deadline: number,
  totals: Totals,
): Promise<void> {
  const session = await subject.open({
    kind: 'udp',
    host: '127.0.0.1',
    remoteHost: '127.0.0.1',
    remotePort: port,
  })
  const datagram = new Uint8Array(PING_BYTES)
  const numbered = new DataView(datagram.buffer)
  try {
    for (let number = 1; performance.now() < deadline; number += 1) {
      numbered.setUint32(0, number)
      const answered = nextEvent(
        subject,
        (event) =>
          event.sessionId === session.id &&
          event.type === 'received' &&
          event.data.byteLength >= 4 &&
          new DataView(event.data.buffer, event.data.byteOffset).getUint32(0) === number,
        'the UDP echo',
        PING_TIMEOUT_MS,
      ).then(
        () => true,
        () => false,
      )
      await subject.engine.send({ sessionId: session.id, data: datagram })
      if (await answered) totals.pings += 1
      else totals.pingsLost += 1
      await pause(PING_EVERY_MS)
    }
  } finally {
    await subject.engine.remove(session.id)
  }
}

/**
 * Connection ids of the server's accepts by the client's port. An accept can be published before the client
 * sees its own 'connect', so accepts are recorded from the start and taken once the client knows its port.
 */
class AcceptBook {
  private readonly ids = new Map<number, string>()
  private readonly waiting = new Map<number, (connectionId: string) => void>()
  readonly stop: () => void

  constructor(subject: EngineUnderTest, sessionId: string) {
    this.stop = subject.engine.subscribe((event) => {
      if (event.sessionId !== sessionId || event.type !== 'accept') return
      const port = event.remote.port
      const waiter = this.waiting.get(port)
      this.waiting.delete(port)
      if (waiter === undefined) this.ids.set(port, event.connectionId!)
      else waiter(event.connectionId!)
    })
  }

  take(port: number): Promise<string> {
    const id = this.ids.get(port)
    this.ids.delete(port)
    if (id !== undefined) return Promise.resolve(id)
    const accepted = new Promise<string>((resolve) => this.waiting.set(port, resolve))
    return within(accepted, 'the server to accept a churn client').finally(() => this.waiting.delete(port))
  }
}

/** How a churn client leaves: an ordinary close (FIN) or an abort (RST); real clients do both. */
type Departure = 'close' | 'reset'

/** One plain node client: connect, get an answer from the server session by its connection id, leave. */
async function visit(
  subject: EngineUnderTest,
  book: AcceptBook,
  server: SessionInfo,
  departure: Departure,
): Promise<void> {
  const sessionId = server.id
  const socket = connect({ host: '127.0.0.1', port: server.local!.port })
  socket.on('error', () => undefined)
  try {
    await within(once(socket, 'connect'), 'a churn client to connect')
    const connectionId = await book.take(socket.localPort!)
    const answer = within(once(socket, 'data'), 'the answer at a churn client')
    await subject.engine.send({ sessionId, connectionId, data: new Uint8Array([0x6f, 0x6b]) })
    await answer
  } finally {
    const closed = once(socket, 'close')
    if (departure === 'reset') socket.resetAndDestroy()
    else socket.destroy()
    await within(closed, 'a churn client to close')
  }
}

/** A server session with clients arriving and leaving in small groups. */
async function churnLoop(
  subject: EngineUnderTest,
  server: SessionInfo,
  deadline: number,
  totals: Totals,
): Promise<void> {
  const book = new AcceptBook(subject, server.id)
  try {
    while (performance.now() < deadline) {
      await Promise.all(
        Array.from({ length: CHURN_CLIENTS }, (_unused, index) =>
          visit(subject, book, server, index % 2 === 0 ? 'close' : 'reset'),
        ),
      )
      totals.churnClients += CHURN_CLIENTS
      await pause(CHURN_EVERY_MS)
    }
  } finally {
    book.stop()
  }
}

/** A handle leaves process.getActiveResourcesInfo() in libuv's closing phase, after its 'close' callbacks. */
async function handlesAfterClosing(): Promise<number> {
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
  return process.getActiveResourcesInfo().length
}

function takeSample(
  subject: EngineUnderTest,
  gc: () => void,
  startedAt: number,
  serverId: string,
  totals: Totals,
): Sample {
  gc()
  const memory = process.memoryUsage()
  return {
    seconds: Math.round((performance.now() - startedAt) / 1000),
    rssMiB: round(memory.rss / MIB),
    heapMiB: round(memory.heapUsed / MIB),
    handles: process.getActiveResourcesInfo().length,
    serverConnections: subject.engine.get(serverId).connections.length,
    totals: { ...totals },
  }
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length

/** Mean of the last third against the mean of the first third. */
function growth(samples: Sample[], pick: (sample: Sample) => number): { first: number; last: number } {
  const third = Math.max(1, Math.floor(samples.length / 3))
  return { first: mean(samples.slice(0, third).map(pick)), last: mean(samples.slice(-third).map(pick)) }
}

const percentGrowth = ({ first, last }: { first: number; last: number }): number =>
  round(((last - first) / first) * 100)

function formatSamples(samples: Sample[]): string {
  const header = [
    't (s)',
    'RSS MiB',
    'heap MiB',
    'handles',
    'server conns',
    'echo round trips',
    'UDP pings',
    'churn clients',
  ]
  const rows = samples.map((sample) =>
    [
      sample.seconds,
      sample.rssMiB,
      sample.heapMiB,
      sample.handles,
      sample.serverConnections,
      sample.totals.echoRoundTrips,
      sample.totals.pings,
      sample.totals.churnClients,
    ].map((value) => value.toLocaleString('en-US')),
  )
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]): string =>
    cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

/** The whole soak; returns the stability figures for the harness table. */
async function runSoak(): Promise<Measurement[]> {
  const seconds = soakSeconds()
  const sampleEveryMs = Math.min(5_000, Math.max(1_000, (seconds * 1000) / 30))
  const gc = exposeGc()
  const subject = new EngineUnderTest()
  const peers: ChildPeer[] = []
  const totals: Totals = {
    echoRoundTrips: 0,
    echoMismatchedBytes: 0,
    pings: 0,
    pingsLost: 0,
    churnClients: 0,
  }
  const samples: Sample[] = []
  process.stdout.write(`  soak: ${seconds} s of mixed load, a sample every ${sampleEveryMs / 1000} s\n`)
  try {
    const echo = await socatTcpEchoServer('127.0.0.1')
    peers.push(echo.peer)
    const udpEcho = await pythonUdpEcho('127.0.0.1')
    peers.push(udpEcho.peer)
    const handlesBefore = await handlesAfterClosing()
    const server = await subject.open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 })

    const startedAt = performance.now()
    const deadline = startedAt + seconds * 1000
    const loads = Promise.allSettled([
      echoLoop(subject, echo.port, deadline, totals),
      pingLoop(subject, udpEcho.port, deadline, totals),
      churnLoop(subject, server, deadline, totals),
    ])
    while (performance.now() + sampleEveryMs <= deadline) {
      await pause(sampleEveryMs)
      samples.push(takeSample(subject, gc, startedAt, server.id, totals))
    }
    const failures = (await loads).flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    )
    if (failures.length > 0) throw failures[0] as Error

    await subject.dispose()
    return report(samples, totals, { handlesBefore, handlesAfter: await handlesAfterClosing() })
  } finally {
    await subject.dispose() // a second dispose finds nothing left: it is here for the failure paths
    await Promise.all(peers.map((peer) => peer.stop()))
  }
}

function report(
  samples: Sample[],
  totals: Totals,
  cleanup: { handlesBefore: number; handlesAfter: number },
): Measurement[] {
  if (samples.length < 3)
    throw new Error(`only ${samples.length} samples: run the soak for longer (SOAK_SECONDS)`)
  const rss = growth(samples, (sample) => sample.rssMiB)
  const heap = growth(samples, (sample) => sample.heapMiB)
  const handles = growth(samples, (sample) => sample.handles)
  const handleGrowth = round(handles.last - handles.first)
  const stable = (grew: number, limit: number): string => (grew <= limit ? 'stable' : 'GROWING')
  process.stdout.write(`\n${formatSamples(samples)}\n\n`)
  process.stdout.write(
    [
      `  memory (RSS): ${round(rss.first)} → ${round(rss.last)} MiB (${percentGrowth(rss)}%): ${stable(percentGrowth(rss), MEMORY_GROWTH_LIMIT_PERCENT)}`,
      `  heap used:    ${round(heap.first)} → ${round(heap.last)} MiB (${percentGrowth(heap)}%): ${stable(percentGrowth(heap), MEMORY_GROWTH_LIMIT_PERCENT)}`,
      `  handles:      ${round(handles.first)} → ${round(handles.last)} (${handleGrowth >= 0 ? '+' : ''}${handleGrowth}): ${stable(handleGrowth, HANDLE_GROWTH_LIMIT)}`,
      `  after closing everything: ${cleanup.handlesAfter} handles (${cleanup.handlesBefore} before the load)`,
      '',
    ].join('\n'),
  )
  const work =
    `${totals.echoRoundTrips.toLocaleString('en-US')} echo round trips (${totals.echoMismatchedBytes} bytes wrong), ` +
    `${totals.pings.toLocaleString('en-US')} UDP pings (${totals.pingsLost} lost), ` +
    `${totals.churnClients.toLocaleString('en-US')} clients came and went`
  const firstVsLast = 'mean of the last third of samples vs the first third'
  return [
    {
      result: {
        name: 'soak/rss-growth',
        unit: '%',
        ours: percentGrowth(rss),
        higherIsBetter: false,
        limit: MEMORY_GROWTH_LIMIT_PERCENT,
      },
      note: `${firstVsLast}; ${work}`,
    },
    {
      result: {
        name: 'soak/heap-growth',
        unit: '%',
        ours: percentGrowth(heap),
        higherIsBetter: false,
        limit: MEMORY_GROWTH_LIMIT_PERCENT,
      },
      note: `${firstVsLast}, after a forced GC`,
    },
    {
      result: {
        name: 'soak/handle-growth',
        unit: 'handles',
        ours: handleGrowth,
        higherIsBetter: false,
        limit: HANDLE_GROWTH_LIMIT,
      },
      note: `${firstVsLast}; ${cleanup.handlesAfter} after closing everything vs ${cleanup.handlesBefore} before`,
    },
  ]
}

export const soak: Benchmark = { name: 'soak', onlyWhenNamed: true, run: runSoak }

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const measurements = await runSoak()
  process.stdout.write(`${formatTable(measurements)}\n`)
}
