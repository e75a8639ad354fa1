import { createSocket } from 'node:dgram'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Locator, type Page } from 'playwright-core'
import type { Benchmark, Measurement } from '../bench-types'
import { startPeer, type PeerProcess } from '../peer-process'
import { MIB, round } from '../stats'
import { buildRenderer } from '../ui/build-renderer'
import { MemorySampler } from '../ui/memory-sampler'
import { onFrameGrid, readProbe, startProbe } from '../ui/page-probe'

// Web mode in Debian's Chromium under a sustained flood, the session opened through the UI as a person would.

const CHROMIUM = '/usr/bin/chromium'
const TCP_BYTES = 256 * MIB
const UDP_RATE = 100_000
const UDP_MS = 10_000
const UDP_SIZE = 64
const POLL_MS = 250
const SETTLE_TIMEOUT_MS = 300_000
const ROUNDS = 3

type Kind = 'tcp' | 'udp'

interface HostSession {
  id: string
  kind: string
  stats: { bytesIn: number; messagesIn: number }
}

async function freePort(kind: Kind): Promise<number> {
  if (kind === 'udp') {
    const socket = createSocket('udp4')
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
    const { port } = socket.address()
    await new Promise<void>((resolve) => socket.close(resolve))
    return port
  }
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Opens the session through the "New session" form (UI contract names); answers its region. */
async function openThroughUi(page: Page, kind: Kind, port: number): Promise<Locator> {
  const form = page.getByRole('form', { name: /new session/i })
  await form
    .getByRole('combobox', { name: /mode/i })
    .selectOption({ label: kind === 'tcp' ? 'TCP server' : 'UDP' })
  await form.getByRole('textbox', { name: /^\s*bind address\s*$/i }).fill('127.0.0.1')
  await form.getByRole('textbox', { name: /^\s*local port\s*$/i }).fill(String(port))
  await form.getByRole('button', { name: kind === 'tcp' ? /^\s*listen\s*$/i : /^\s*bind\s*$/i }).click()
  const label = `${kind === 'tcp' ? 'TCP server' : 'UDP'} 127.0.0.1:${port}`
  const region = page.getByRole('region', { name: new RegExp(label.replace(/\./g, '\\.'), 'i') })
  await region.waitFor({ state: 'visible', timeout: 20_000 })
  return region
}

/**
 * Reads the session's "Bytes received" as the page shows it. The element is found once, before the flood: a locator
 * finds it again by accessible name on every read, a walk of the whole page that forces its style and layout on the
 * main thread being measured, four times a second (it made about one flood in five miss its frame goal).
 */
async function shownBytesReader(region: Locator): Promise<() => Promise<number>> {
  const counter = await region.getByLabel(/^\s*bytes received\s*$/i).elementHandle()
  return async () => Number(((await counter.textContent()) ?? '').replace(/\D/g, ''))
}

async function hostSession(host: PeerProcess): Promise<HostSession> {
  const { sessions } = await host.request<{ sessions: HostSession[] }>({ stats: true })
  const session = sessions.at(-1)
  if (session === undefined) throw new Error('the host has no session')
  return session
}

/** Polls until `done` answers true; false when the time is up. */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await done()) return true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return false
}

/** Waits until the host's UDP counter stops moving: the socket has delivered all it will. */
async function udpDelivered(host: PeerProcess): Promise<HostSession> {
  let previous = -1
  for (;;) {
    const session = await hostSession(host)
    if (session.stats.messagesIn === previous) return session
    previous = session.stats.messagesIn
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

async function flood(kind: Kind, host: PeerProcess, page: Page, hostPid: number): Promise<Measurement[]> {
  const port = await freePort(kind)
  const region = await openThroughUi(page, kind, port)
  const sender = await startPeer(kind === 'tcp' ? 'tcp-sender.ts' : 'udp-sender.ts')
  const memory = new MemorySampler(await page.context().newCDPSession(page), hostPid)
  try {
    const shownBytesReceived = await shownBytesReader(region)
    await memory.start()
    await startProbe(page)
    const started = performance.now()
    let note: string
    let exact: boolean
    let shown: string
    if (kind === 'tcp') {
      await sender.request({ port, bytes: TCP_BYTES })
      exact = await pollUntil(async () => (await shownBytesReceived()) === TCP_BYTES, SETTLE_TIMEOUT_MS)
      const hostBytes = (await hostSession(host)).stats.bytesIn
      exact &&= hostBytes === TCP_BYTES
      shown = `UI shows ${(await shownBytesReceived()).toLocaleString('en-US')} bytes, the host ${hostBytes.toLocaleString('en-US')} of ${TCP_BYTES.toLocaleString('en-US')}`
      note = `256 MiB at full speed from a child process`
    } else {
      const { sent } = await sender.request<{ sent: number }>({
        port,
        size: UDP_SIZE,
        rate: UDP_RATE,
        durationMs: UDP_MS,
      })
      const delivered = await udpDelivered(host)
      exact = await pollUntil(async () => (await shownBytesReceived()) === delivered.stats.bytesIn, 60_000)
      shown = `UI shows ${(await shownBytesReceived()).toLocaleString('en-US')} bytes, the socket delivered ${delivered.stats.bytesIn.toLocaleString('en-US')}`
      note =
        `${(sent / (UDP_MS / 1000)).toLocaleString('en-US', { maximumFractionDigits: 0 })} datagrams/s sent for ${UDP_MS / 1000} s, ` +
        `${Math.round((delivered.stats.messagesIn / sent) * 100)}% delivered by the socket`
    }
    const floodMs = performance.now() - started
    const page_ = await readProbe(page)
    await memory.stop()
    const name = `ui-flood-${kind}`
    const timing = `${note}; ${(floodMs / 1000).toFixed(1)} s until the UI showed the final count`
    return [
      {
        result: {
          name,
          unit: 'ms worst frame',
          ours: round(onFrameGrid(page_.worstFrameMs)),
          higherIsBetter: false,
          // Issue 14: the display must never be the reason a user waits — within 50 ms in every round.
          limit: 50,
        },
        note: `${timing}; ${page_.frames} frames, the worst (${round(page_.worstFrameMs)} ms measured) ${(page_.worstFrameAtMs / 1000).toFixed(1)} s in`,
      },
      {
        result: {
          name: `${name}/long-tasks`,
          unit: 'ms long tasks',
          ours: round(page_.longTaskMs),
          higherIsBetter: false,
          limit: Math.round(floodMs / 2),
        },
        note: 'our bound: the page is free at least half of the flood',
      },
      {
        result: {
          name: `${name}/heap`,
          unit: 'MB JS heap',
          ours: round(memory.peakHeapMb),
          higherIsBetter: false,
          limit: 300,
        },
        note: 'peak, V8 heap + ArrayBuffer backing stores (CDP Runtime.getHeapUsage)',
      },
      {
        result: {
          name: `${name}/host-rss`,
          unit: 'MB host RSS growth',
          ours: round(memory.hostRssGrowthMb),
          higherIsBetter: false,
          limit: 200,
        },
        note: `from ${round(memory.hostRssBeforeMb)} MB`,
      },
      {
        result: {
          name: `${name}/counters`,
          unit: 'exact (1 = yes)',
          ours: exact ? 1 : 0,
          higherIsBetter: true,
          limit: 1,
        },
        note: shown,
      },
    ]
  } finally {
    await memory.stop().catch(() => {})
    await sender.stop()
  }
}

async function oneFlood(kind: Kind): Promise<Measurement[]> {
  const rendererDir = await buildRenderer()
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-web-'))
  const host = await startPeer('web-host.ts')
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true })
  try {
    const { url } = await host.request<{ url: string }>({ start: { rendererDir, dataDir } })
    const page = await browser.newPage()
    await page.goto(url)
    return await flood(kind, host, page, host.pid)
  } finally {
    await browser.close()
    await host.request({ stop: true }).catch(() => {})
    await host.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * Per entry, the round that did worst, its note listing every round's figure: one flood on a 2-core machine
 * swings with what else the scheduler runs, and a goal is met only if every round meets it.
 */
function worstOf(rounds: Measurement[][]): Measurement[] {
  return rounds[0]!.map((first, index) => {
    const all = rounds.map((round) => round[index]!)
    const worse = (a: Measurement, b: Measurement): Measurement =>
      first.result.higherIsBetter === b.result.ours < a.result.ours ? b : a
    const worst = all.reduce(worse)
    const figures = all.map((measurement) => measurement.result.ours.toLocaleString('en-US')).join(', ')
    return { ...worst, note: `worst of ${all.length} floods (${figures}); ${worst.note ?? ''}` }
  })
}

/** Each round in a fresh host and page, so each is a first flood with cold code, as a user meets it. */
async function uiFlood(kind: Kind): Promise<Measurement[]> {
  const rounds: Measurement[][] = []
  for (let round = 0; round < ROUNDS; round++) rounds.push(await oneFlood(kind))
  return worstOf(rounds)
}

export const uiFloodTcp: Benchmark = { name: 'ui-flood-tcp', run: () => uiFlood('tcp') }
export const uiFloodUdp: Benchmark = { name: 'ui-flood-udp', run: () => uiFlood('udp') }
