import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRefusalLog, RefusalLogDefaults } from '../../electron/web/refusal-log'
import { rawExchange } from './raw-http'
import { startTempHost } from './temp-host'

describe('refusal log', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('writes the first lines of a window, then one summary with the count and the latest as a sample', () => {
    const lines: string[] = []
    const log = createRefusalLog((line) => lines.push(line), { linesPerWindow: 3, windowMs: 1_000 })
    for (let n = 1; n <= 10; n++) log(`refused ${n}`)
    expect(lines).toEqual(['refused 1', 'refused 2', 'refused 3'])
    vi.advanceTimersByTime(1_000)
    expect(lines.at(-1)).toBe('web: 7 more refusals not logged; the latest: refused 10')
    log('refused 11')
    expect(lines.at(-1)).toBe('refused 11')
    vi.advanceTimersByTime(1_000)
    expect(lines).toHaveLength(5)
  })

  it('writes what it held back at once on flush', () => {
    const lines: string[] = []
    const log = createRefusalLog((line) => lines.push(line), { linesPerWindow: 1, windowMs: 60_000 })
    log('a')
    log('b')
    log.flush()
    expect(lines).toEqual(['a', 'web: 1 more refusals not logged; the latest: b'])
  })
})

describe('web host refusals', () => {
  it('logs a flood of refused requests in bounded lines', async () => {
    const web = await startTempHost()
    try {
      const flood = 300
      const started = Date.now()
      for (let n = 0; n < flood; n++) {
        await rawExchange(
          web.host.port,
          `GET /${n} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
          {
            halfClose: false,
          },
        )
      }
      const windows = Math.ceil((Date.now() - started) / RefusalLogDefaults.windowMs) + 1
      expect(web.logs.length).toBeLessThanOrEqual((RefusalLogDefaults.linesPerWindow + 1) * windows)
      await web.host.close()
      // Every refusal is accounted for: written as a line, or counted in a summary (how many of each depends
      // on how fast this machine sent the flood, so the split is not asserted).
      const written = web.logs.filter((line) => line.startsWith('web: refused GET')).length
      const summarised = web.logs
        .map((line) => /^web: (\d+) more refusals not logged/.exec(line)?.[1])
        .reduce((sum, count) => sum + Number(count ?? 0), 0)
      expect(written + summarised).toBe(flood)
    } finally {
      await web.dispose()
    }
  })
})
