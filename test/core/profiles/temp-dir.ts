import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Profile } from '../../../electron/shared/profiles'

/** A fresh data folder per test, removed afterwards. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-profiles-'))
    made.push(dir)
    return dir
  }
}

export const fixture = (path: string): Promise<string> =>
  readFile(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')

export const listDir = async (dir: string): Promise<string[]> => (await readdir(dir)).sort()

export function sampleProfile(name: string, overrides: Partial<Profile> = {}): Profile {
  return {
    name,
    connection: {
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: 9000,
      family: 'auto',
      connectTimeoutMs: 10_000,
      noDelay: true,
      keepAlive: false,
      keepAliveInitialDelayMs: 0,
      halfOpen: false,
    },
    messages: [{ name: 'hello', payload: 'hello\\n', encoding: 'text', lineEnding: 'none' }],
    view: { viewAs: 'text', timestamps: 'relative' },
    ...overrides,
  }
}
