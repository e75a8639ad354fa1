import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../electron/cli/arguments'
import { DEFAULT_WAIT_MS, type ConnectLine, type ListenLine } from '../../electron/cli/command-line'
import { connectRequest, listenRequest } from '../../electron/cli/session-requests'
import { openSessionRequestSchema } from '../../electron/shared'

function connectLine(args: string[]): ConnectLine {
  const line = parseCommandLine(['connect', ...args])
  if (line.command !== 'connect') throw new Error(`parsed as ${line.command}`)
  return line
}

function listenLine(args: string[]): ListenLine {
  const line = parseCommandLine(['listen', ...args])
  if (line.command !== 'listen') throw new Error(`parsed as ${line.command}`)
  return line
}

describe('command line → typed command', () => {
  it('keeps --send, --send-hex and --send-file in the order typed, across option kinds', () => {
    const line = connectLine(['h', '1', '--send-hex', 'aa', '--send', 'b', '--send-file', 'f', '--send', 'c'])
    expect(line.behaviour.payloads).toEqual([
      { from: 'hex', value: 'aa' },
      { from: 'text', value: 'b' },
      { from: 'file', value: 'f' },
      { from: 'text', value: 'c' },
    ])
  })

  it('listen: HOST defaults to 127.0.0.1, or ::1 with -6; connect waits 500 ms by default', () => {
    expect(parseCommandLine(['listen', '0'])).toMatchObject({ host: '127.0.0.1', port: 0 })
    expect(parseCommandLine(['listen', '-6', '0'])).toMatchObject({ host: '::1', family: 'ipv6' })
    expect(parseCommandLine(['listen', '0.0.0.0', '80'])).toMatchObject({ host: '0.0.0.0', port: 80 })
    expect(parseCommandLine(['connect', 'h', '1'])).toMatchObject({ behaviour: { waitMs: DEFAULT_WAIT_MS } })
    expect(DEFAULT_WAIT_MS).toBe(500)
  })

  it('refuses -4 with -6, and numbers that are not whole', () => {
    expect(() => parseCommandLine(['connect', '-4', '-6', 'h', '1'])).toThrow(/exclude each other/)
    expect(() => parseCommandLine(['connect', 'h', '1.5'])).toThrow(/PORT must be a number/)
    expect(() => parseCommandLine(['connect', 'h', '1', '--timeout', '-1'])).toThrow()
  })

  it('builds requests the shared schema accepts, as the app would send them', () => {
    const requests = [
      connectRequest(connectLine(['example.org', '80', '--timeout', '900'])),
      connectRequest(connectLine(['-u', '-6', '::1', '53', '--local-port', '5353'])),
      listenRequest(listenLine(['-u', '0'])),
      listenRequest(listenLine(['::', '8080'])),
    ]
    const parsed = requests.map((request) => openSessionRequestSchema.parse(request))
    expect(parsed[0]).toMatchObject({
      kind: 'tcp-client',
      host: 'example.org',
      port: 80,
      connectTimeoutMs: 900,
    })
    expect(parsed[1]).toMatchObject({
      kind: 'udp',
      type: 'udp6',
      port: 5353,
      remoteHost: '::1',
      remotePort: 53,
    })
    expect(parsed[2]).toMatchObject({ kind: 'udp', host: '127.0.0.1', port: 0 })
    expect(parsed[3]).toMatchObject({ kind: 'tcp-server', host: '::', port: 8080 })
  })
})
