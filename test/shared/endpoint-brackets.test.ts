import { describe, expect, it } from 'vitest'
import { connectionSummary, formatHostPort } from '../../electron/shared/endpoint-format'
import { endpointKey, profileSchema } from '../../electron/shared/profiles'

describe('IPv6 addresses typed in brackets', () => {
  it.each([
    ['::1', '[::1]:9000'],
    ['[::1]', '[::1]:9000'],
    ['127.0.0.1', '127.0.0.1:9000'],
    ['example.com', 'example.com:9000'],
  ])('%s with port 9000 reads %s', (host, expected) => {
    expect(formatHostPort(host, 9000)).toBe(expected)
  })

  it('Recent shows a connection saved before hosts were kept bare as "[::1]:7", not "[[::1]]:7"', () => {
    expect(connectionSummary({ kind: 'tcp-client', host: '[::1]', port: 7 })).toBe('[::1]:7')
    expect(
      connectionSummary({ kind: 'udp', host: '[::1]', port: 5, remoteHost: '[::1]', remotePort: 6 }),
    ).toBe('[::1]:5 → [::1]:6')
  })

  it('a session opened with "[::1]" finds the quick-send messages of a profile saved with "::1"', () => {
    const typed = profileSchema.parse({ name: 't', connection: { kind: 'tcp-client', host: '::1', port: 7 } })
    const session = { ...typed.connection, host: '[::1]' }
    expect(endpointKey(session)).toBe(endpointKey(typed.connection))
  })
})
