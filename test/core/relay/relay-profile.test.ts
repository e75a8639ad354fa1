import { describe, expect, it } from 'vitest'
import { ProfileStore } from '../../../electron/core/profiles'
import { openSessionRequestSchema } from '../../../electron/shared'
import { profileSchema } from '../../../electron/shared/profiles'
import { useTempDirs } from '../profiles/temp-dir'

// A relay profile keeps where it listens, where it forwards and its faults: all of it is the connection, so the
// profiles file format stays at version 1 (an older file reads unchanged).

const newTempDir = useTempDirs()

describe('relay profiles', () => {
  it.each(['tcp-relay', 'udp-relay'] as const)('a %s profile round-trips with its faults', async (kind) => {
    const dir = await newTempDir()
    const connection = openSessionRequestSchema.parse({
      kind,
      host: '127.0.0.1',
      port: 7000,
      upstreamHost: '[::1]',
      upstreamPort: 7001,
      faults: {
        toUpstream: { delayMs: 50, jitterMs: 5, paused: true },
        toClient: { rateLimitBytesPerSecond: 1000 },
      },
    })
    const profile = profileSchema.parse({ name: `Relay ${kind}`, connection })
    await new ProfileStore({ dataDir: dir }).save({ profile, overwrite: false })
    const [read] = (await new ProfileStore({ dataDir: dir }).list()).profiles
    expect(read!.connection).toMatchObject({
      kind,
      upstreamHost: '::1',
      faults: {
        toUpstream: { delayMs: 50, jitterMs: 5, paused: true, dropPercent: 0 },
        toClient: { rateLimitBytesPerSecond: 1000, delayMs: 0 },
      },
    })
  })
})
