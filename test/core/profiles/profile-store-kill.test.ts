import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import { profilesDocumentSchema } from '../../../electron/shared/profiles'
import { useTempDirs } from './temp-dir'

// Issue 8: killing the host (SIGKILL) during a profile save leaves a file that is old or new, never partial.

const newTempDir = useTempDirs()
const childScript = fileURLToPath(new URL('./save-storm-child.ts', import.meta.url))

/** Resolves with the highest acknowledged save once `count` saves were acknowledged by the child. */
function acknowledgedSaves(child: ChildProcess, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = 0
    let buffered = ''
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        const match = /^saved (\d+)$/.exec(line)
        if (!match) continue
        seen++
        if (seen === count) resolve(Number(match[1]))
      }
    })
  })
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode)
    else child.once('exit', (_code, signal) => resolve(signal))
  })
}

describe('ProfileStore under SIGKILL', () => {
  it('leaves a whole file, holding every acknowledged save, after kills in a storm of saves', async () => {
    const dir = await newTempDir()
    const file = join(dir, 'profiles.json')
    let expectedAtLeast = 0
    for (const savesBeforeKill of [2, 5, 3, 7, 4]) {
      const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      try {
        const lastAcknowledged = await acknowledgedSaves(child, savesBeforeKill)
        child.kill('SIGKILL')
        expect(await exited(child)).toBe('SIGKILL')
        expectedAtLeast = lastAcknowledged + 1

        const document = profilesDocumentSchema.parse(JSON.parse(await readFile(file, 'utf8')))
        const names = document.profiles.map((profile) => profile.name)
        // Old or new, never partial: every acknowledged save is there (the child may have finished more
        // before the kill landed), in order, and the file parsed and validated as a whole above.
        expect(names.length).toBeGreaterThanOrEqual(expectedAtLeast)
        expect(names).toEqual(Array.from({ length: names.length }, (_, i) => `Storm ${i}`))
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
    }
    const listing = await new ProfileStore({ dataDir: dir }).list()
    expect(listing.notice).toBeNull()
    expect(listing.profiles.length).toBeGreaterThanOrEqual(expectedAtLeast)
  }, 60_000)
})
