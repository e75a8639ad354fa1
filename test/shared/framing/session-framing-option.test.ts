import { describe, expect, it } from 'vitest'
import { openSessionRequestSchema } from '../../../electron/shared/schemas'
import { profileSchema } from '../../../electron/shared/profiles/schema'

// Framing is an optional session option: absent means none, so requests and profiles from before it still read.

describe('the framing session option', () => {
  it.each(['tcp-client', 'tcp-server', 'udp'] as const)('%s: absent stays absent', (kind) => {
    const parsed = openSessionRequestSchema.parse({ kind, host: '127.0.0.1', port: 7 })
    expect('framing' in parsed).toBe(false)
  })

  it('takes framing with its defaults on TCP sessions', () => {
    const parsed = openSessionRequestSchema.parse({
      kind: 'tcp-server',
      port: 0,
      framing: { mode: 'length', field: 'u16be', offset: 4 },
    })
    expect(parsed.framing).toEqual({
      mode: 'length',
      field: 'u16be',
      offset: 4,
      adjust: 0,
      maxFrameBytes: 1_048_576,
    })
  })

  it('refuses the idle gap on UDP (a datagram is a message already), and accepts it on TCP', () => {
    const idle = { mode: 'idle', gapMs: 20 }
    expect(openSessionRequestSchema.safeParse({ kind: 'udp', port: 0, framing: idle }).success).toBe(false)
    expect(
      openSessionRequestSchema.safeParse({ kind: 'tcp-client', host: 'h', port: 1, framing: idle }).success,
    ).toBe(true)
  })

  it.each([
    { mode: 'delimiter', delimiter: '' },
    { mode: 'delimiter', delimiter: '\\x' },
    { mode: 'delimiter', delimiter: 'x'.repeat(17) },
    { mode: 'fixed', length: 64 * 1024 * 1024 + 1 },
    { mode: 'length', field: 'u16be', maxFrameBytes: 0 },
    { mode: 'slip', extra: true },
    { mode: 'lines' },
  ])('refuses bad framing %j', (framing) => {
    expect(
      openSessionRequestSchema.safeParse({ kind: 'tcp-client', host: 'h', port: 1, framing }).success,
    ).toBe(false)
  })

  it('a profile keeps its framing, and one saved without framing still loads', () => {
    const connection = { kind: 'tcp-client', host: 'plc.local', port: 502 }
    expect(profileSchema.parse({ name: 'old', connection }).connection).toEqual(
      openSessionRequestSchema.parse(connection),
    )
    const framed = profileSchema.parse({
      name: 'modbus',
      connection: { ...connection, framing: { mode: 'length', field: 'u16be', offset: 4 } },
    })
    expect(framed.connection.framing).toMatchObject({ mode: 'length', offset: 4 })
  })
})
