import { describe, expect, it } from 'vitest'
import { Limits } from '../../electron/shared/limits'
import { requestSchemas } from '../../electron/shared/request-schemas'
import {
  disconnectRequestSchema,
  emptyRequestSchema,
  hostSchema,
  membershipRequestSchema,
  openSessionRequestSchema,
  payloadSchema,
  portSchema,
  remotePortSchema,
  sendRequestSchema,
  sessionRefSchema,
  udpOptionsSchema,
} from '../../electron/shared/schemas'
import { Channels } from '../../electron/shared/api'

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown): boolean =>
  schema.safeParse(value).success

describe('ports', () => {
  it.each([0, 1, 80, 65_535])('a local port of %s is accepted', (port) => {
    expect(portSchema.parse(port)).toBe(port)
  })

  it.each([-1, 65_536, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '80', null])(
    'a local port of %s is refused',
    (port) => {
      expect(accepts(portSchema, port)).toBe(false)
    },
  )

  it('a remote port of 0 is refused, 1 and 65535 accepted', () => {
    expect(accepts(remotePortSchema, 0)).toBe(false)
    expect(accepts(remotePortSchema, 1)).toBe(true)
    expect(accepts(remotePortSchema, 65_535)).toBe(true)
    expect(accepts(remotePortSchema, 65_536)).toBe(false)
  })

  it("a port out of range is refused with the range, not in the schema library's words", () => {
    const refusal = (schema: typeof portSchema, value: number): string | undefined =>
      schema.safeParse(value).error?.issues[0]?.message
    expect(refusal(portSchema, 70_000)).toBe('must be a whole number from 0 to 65535')
    expect(refusal(portSchema, 1.5)).toBe('must be a whole number from 0 to 65535')
    expect(refusal(remotePortSchema, 0)).toBe('must be a whole number from 1 to 65535')
  })

  it('a TCP client may not connect to port 0 but a server may listen on it', () => {
    expect(accepts(openSessionRequestSchema, { kind: 'tcp-client', host: '127.0.0.1', port: 0 })).toBe(false)
    expect(accepts(openSessionRequestSchema, { kind: 'tcp-server', port: 0 })).toBe(true)
  })
})

describe('hosts', () => {
  it('are trimmed', () => {
    expect(hostSchema.parse('  localhost \n')).toBe('localhost')
  })

  it.each(['127.0.0.1', '::1', '[::1]', 'fe80::1%eth0', 'my-host_1.example.invalid'])(
    '%s is accepted',
    (host) => {
      expect(hostSchema.parse(host)).toBe(host)
    },
  )

  it.each(['', '   ', 'a b', 'host/path', 'évil', 'a;rm', 'x\u0000y', 'http://h'])(
    '%j is refused',
    (host) => {
      expect(accepts(hostSchema, host)).toBe(false)
    },
  )

  it(`are capped at ${Limits.maxHostLength} characters`, () => {
    expect(accepts(hostSchema, 'a'.repeat(Limits.maxHostLength))).toBe(true)
    expect(accepts(hostSchema, 'a'.repeat(Limits.maxHostLength + 1))).toBe(false)
  })

  it('empty host says so in plain words', () => {
    const result = hostSchema.safeParse(' ')
    expect(result.success ? '' : result.error.issues[0]?.message).toBe('Host must not be empty')
  })
})

describe('strict objects', () => {
  const client = { kind: 'tcp-client', host: 'localhost', port: 80 }

  it('fill defaults for a minimal TCP client', () => {
    expect(openSessionRequestSchema.parse(client)).toEqual({
      ...client,
      family: 'auto',
      connectTimeoutMs: Limits.defaultConnectTimeoutMs,
      noDelay: true,
      keepAlive: false,
      keepAliveInitialDelayMs: 0,
      halfOpen: false,
    })
  })

  it('refuse unknown keys instead of stripping them', () => {
    expect(accepts(openSessionRequestSchema, { ...client, extra: 1 })).toBe(false)
    expect(accepts(sessionRefSchema, { sessionId: 's1', extra: true })).toBe(false)
  })

  it.each(['__proto__', 'constructor', 'prototype'])('refuse a %s key', (key) => {
    const payload: unknown = JSON.parse(`{"sessionId":"s1","${key}":{"polluted":true}}`)
    expect(accepts(sessionRefSchema, payload)).toBe(false)
    const open: unknown = JSON.parse(`{"kind":"tcp-server","port":0,"${key}":{"polluted":true}}`)
    expect(accepts(openSessionRequestSchema, open)).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuse an unknown session kind', () => {
    expect(accepts(openSessionRequestSchema, { kind: 'sctp', port: 1 })).toBe(false)
  })

  it('refuse non-objects', () => {
    for (const value of [null, undefined, 'x', 1, []]) expect(accepts(sessionRefSchema, value)).toBe(false)
  })

  it('cap ids', () => {
    expect(accepts(sessionRefSchema, { sessionId: '' })).toBe(false)
    expect(accepts(sessionRefSchema, { sessionId: 'a'.repeat(Limits.maxIdLength) })).toBe(true)
    expect(accepts(sessionRefSchema, { sessionId: 'a'.repeat(Limits.maxIdLength + 1) })).toBe(false)
  })
})

describe('payloads', () => {
  it('must be a Uint8Array', () => {
    expect(accepts(payloadSchema, Uint8Array.of(1))).toBe(true)
    expect(accepts(payloadSchema, [1, 2])).toBe(false)
    expect(accepts(payloadSchema, 'text')).toBe(false)
  })

  it(`are capped at ${Limits.maxPayloadBytes} bytes`, () => {
    expect(accepts(payloadSchema, new Uint8Array(Limits.maxPayloadBytes))).toBe(true)
    const result = payloadSchema.safeParse(new Uint8Array(Limits.maxPayloadBytes + 1))
    expect(result.success ? '' : result.error.issues[0]?.message).toBe(
      `Payload exceeds ${Limits.maxPayloadBytes} bytes`,
    )
  })

  it('a send request carries one', () => {
    const data = Uint8Array.of(0xde, 0xad)
    expect(sendRequestSchema.parse({ sessionId: 's1', data })).toEqual({ sessionId: 's1', data })
    expect(accepts(sendRequestSchema, { sessionId: 's1' })).toBe(false)
    expect(accepts(sendRequestSchema, { sessionId: 's1', data, remotePort: 0 })).toBe(false)
  })
})

describe('other requests', () => {
  it('UDP options default to port 0 and no groups, and cap the groups', () => {
    expect(udpOptionsSchema.parse({ kind: 'udp' })).toMatchObject({
      port: 0,
      multicastGroups: [],
      reuseAddr: false,
    })
    const groups = Array.from({ length: Limits.maxMulticastGroups + 1 }, () => ({ group: '239.1.1.1' }))
    expect(accepts(udpOptionsSchema, { kind: 'udp', multicastGroups: groups })).toBe(false)
    expect(accepts(udpOptionsSchema, { kind: 'udp', ttl: 0 })).toBe(false)
  })

  it('disconnect defaults to graceful and knows only graceful and reset', () => {
    expect(disconnectRequestSchema.parse({ sessionId: 's1' }).mode).toBe('graceful')
    expect(accepts(disconnectRequestSchema, { sessionId: 's1', mode: 'kill' })).toBe(false)
  })

  it('membership needs join or leave', () => {
    expect(accepts(membershipRequestSchema, { sessionId: 's1', action: 'join', group: '239.1.1.1' })).toBe(
      true,
    )
    expect(accepts(membershipRequestSchema, { sessionId: 's1', action: 'drop', group: '239.1.1.1' })).toBe(
      false,
    )
  })

  it('an empty request is nothing or an empty object', () => {
    expect(accepts(emptyRequestSchema, undefined)).toBe(true)
    expect(accepts(emptyRequestSchema, {})).toBe(true)
    expect(accepts(emptyRequestSchema, { a: 1 })).toBe(false)
  })

  it('every channel has a request schema', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual(Object.keys(Channels).sort())
  })
})
