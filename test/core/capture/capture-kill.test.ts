import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCapture } from '../../../electron/core/capture'
import { patternPayload } from './fixtures/pattern'

const child = join(import.meta.dirname, 'fixtures', 'record-until-killed.ts')

describe('a capture whose process is killed (SIGKILL) mid-write', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-kill-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is readable up to its last complete record', async () => {
    const host = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      host.once('exit', (_code, signal) => resolve(signal)),
    )
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: host.stdout }).once('line', resolve)
      host.once('exit', () => reject(new Error('the recording process ended before it was ready')))
    })
    const { path, written } = JSON.parse(firstLine) as { path: string; written: number }
    host.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    const { header, events } = await readCapture(path)
    expect(header?.session.id).toBe('s1')
    expect(events.length).toBeGreaterThanOrEqual(written)
    events.forEach((event, index) => {
      expect(event.seq).toBe(index + 1)
      expect(event.type === 'received' && Buffer.from(event.data).equals(patternPayload(index + 1))).toBe(
        true,
      )
    })
  })
})
