import { readFile } from 'node:fs/promises'
import type { CDPSession } from 'playwright-core'

const MB = 1024 * 1024

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return (kilobytes * 1024) / MB
}

/** The page's JS heap including ArrayBuffer backing stores: payload bytes live there, not in the V8 heap. */
async function heapOf(cdp: CDPSession): Promise<number> {
  const usage = await cdp.send('Runtime.getHeapUsage')
  return (usage.usedSize + usage.backingStorageSize) / MB
}

/** Samples the page's JS heap (CDP) and the host's RSS (/proc) every few hundred ms; keeps the peaks. */
export class MemorySampler {
  peakHeapMb = 0
  hostRssBeforeMb = 0
  peakHostRssMb = 0
  private timer: ReturnType<typeof setInterval> | undefined
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly cdp: CDPSession,
    private readonly hostPid: number,
  ) {}

  async start(intervalMs = 250): Promise<void> {
    this.hostRssBeforeMb = await rssOf(this.hostPid)
    await this.sample()
    this.timer = setInterval(() => (this.pending = this.sample()), intervalMs)
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.pending
    await this.sample()
  }

  get hostRssGrowthMb(): number {
    return Math.max(0, this.peakHostRssMb - this.hostRssBeforeMb)
  }

  private async sample(): Promise<void> {
    const [heap, rss] = await Promise.all([heapOf(this.cdp), rssOf(this.hostPid)])
    this.peakHeapMb = Math.max(this.peakHeapMb, heap)
    this.peakHostRssMb = Math.max(this.peakHostRssMb, rss)
  }
}
