import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Benchmark } from '../bench-types'
import { round } from '../stats'

interface ChildReport {
  capacity: number
  pushed: number
  kept: number
  before: number
  full: number
  after: number
}

const child = fileURLToPath(new URL('./ring-memory-child.ts', import.meta.url))

export const ringMemory: Benchmark = {
  name: 'ring-memory',
  async run() {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', child],
      {
        maxBuffer: 1024 * 1024,
      },
    )
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport
    return [
      {
        result: {
          name: 'ring-memory',
          unit: 'MB',
          ours: round(report.after - report.before),
          higherIsBetter: false,
          baseline: round(report.full - report.before),
          baselineName: `ring filled once (${report.capacity.toLocaleString('en-US')} rows)`,
        },
        // Bounded: a million rows cost what one full ring costs, give or take the collector.
        ratioGoal: 1.1,
        note:
          `${report.pushed.toLocaleString('en-US')} rows of 64 B through the renderer's log store (pinia, in Node), ` +
          `${report.kept.toLocaleString('en-US')} kept; live heap + ArrayBuffers after GC`,
      },
    ]
  },
}
