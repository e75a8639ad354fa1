import { describe, expect, it } from 'vitest'
import { OwnErrorCode, openSessionRequestSchema } from '../../../electron/shared'
import { parseSequenceFile, recordSequence, type Sequence } from '../../../electron/shared/sequences'

// tls:// targets and a sequence's `tls:` map: the CLI's TLS options in the file's words, joined to the request the
// app's form would make; every refusal names its line and column.

function parsed(text: string): Sequence[] {
  const result = parseSequenceFile(text)
  if (!result.ok) throw new Error(`expected a valid file: ${JSON.stringify(result.problems)}`)
  return result.file.sequences
}

function problems(text: string): Array<{ line: number; column: number; message: string }> {
  const result = parseSequenceFile(text)
  if (result.ok) throw new Error('expected the file to be refused')
  for (const problem of result.problems) expect(problem.code).toBe(OwnErrorCode.invalidSequence)
  return result.problems.map(({ line, column, message }) => ({ line, column, message }))
}

const steps = `steps:
  - send: "hi\\n"
`

describe('tls:// targets', () => {
  it('connect: tls:// is a TCP client verifying in full by default', () => {
    const [sequence] = parsed(`connect: tls://localhost:4433\n${steps}`)
    expect(sequence!.target).toEqual({
      type: 'session',
      request: { kind: 'tcp-client', host: 'localhost', port: 4433, tls: {} },
      role: 'client',
    })
    const request = sequence!.target.type === 'session' ? sequence!.target.request : undefined
    expect(openSessionRequestSchema.parse(request)).toMatchObject({ tls: { verify: 'full', caFiles: [] } })
  })

  it('tls: gives verify, ca (one or a list), servername, alpn and a client certificate', () => {
    const [one, two] = parsed(`sequences:
  - name: one
    connect: tls://127.0.0.1:4433
    tls: { verify: chain, ca: certs/ca.pem, servername: device.local, alpn: h2, cert: me.pem, key: me.key }
    ${steps.replaceAll('\n', '\n    ')}
  - name: two
    connect: tls://[::1]:4433
    tls:
      verify: off
      ca: [root.pem, intermediate.pem]
      alpn: [h2, http/1.1]
    ${steps.replaceAll('\n', '\n    ')}`)
    expect(one!.target).toMatchObject({
      request: {
        kind: 'tcp-client',
        tls: {
          verify: 'chain',
          caFiles: ['certs/ca.pem'],
          servername: 'device.local',
          alpn: ['h2'],
          certFile: 'me.pem',
          keyFile: 'me.key',
        },
      },
    })
    expect(two!.target).toMatchObject({
      request: {
        host: '::1',
        tls: { verify: 'off', caFiles: ['root.pem', 'intermediate.pem'], alpn: ['h2', 'http/1.1'] },
      },
    })
  })

  it('listen: tls:// is a TLS server: its own cert and key, or a generated pair', () => {
    const [plain, own] = parsed(`sequences:
  - name: generated
    listen: tls://127.0.0.1:0
    ${steps.replaceAll('\n', '\n    ')}
  - name: own
    listen: tls://127.0.0.1:0
    tls: { cert: server.pem, key: server.key, alpn: [h2] }
    ${steps.replaceAll('\n', '\n    ')}`)
    expect(plain!.target).toMatchObject({ request: { kind: 'tcp-server', tls: {} }, role: 'server' })
    expect(own!.target).toMatchObject({
      request: { kind: 'tcp-server', tls: { certFile: 'server.pem', keyFile: 'server.key', alpn: ['h2'] } },
    })
  })

  it('a peer of a TLS listener keeps its tls: map for the run', () => {
    const [, client] = parsed(`sequences:
  - name: server
    listen: tls://127.0.0.1:0
    ${steps.replaceAll('\n', '\n    ')}
  - name: client
    peer: server
    tls: { verify: off }
    ${steps.replaceAll('\n', '\n    ')}`)
    expect(client!.target).toEqual({ type: 'peer', sequence: 'server' })
    expect(client!.tls).toEqual({ verify: 'off' })
  })

  it.each([
    [
      'an unknown key',
      `connect: tls://localhost:1\ntls:\n  verify: full\n  insecure: true\n${steps}`,
      { line: 4, column: 3, message: "unknown key 'insecure'" },
    ],
    [
      'a verify mode that does not exist',
      `connect: tls://localhost:1\ntls: { verify: maybe }\n${steps}`,
      { line: 2, column: 16 },
    ],
    [
      'a servername that is not a DNS name',
      `connect: tls://localhost:1\ntls:\n  servername: "not a name"\n${steps}`,
      { line: 3, column: 15, message: expect.stringContaining('DNS name') },
    ],
    [
      'an ALPN name with a space',
      `connect: tls://localhost:1\ntls:\n  alpn: [h2, "http 1.1"]\n${steps}`,
      { line: 3, column: 14 },
    ],
    [
      'a certificate without its key',
      `connect: tls://localhost:1\ntls:\n  cert: me.pem\n${steps}`,
      { line: 3, column: 3, message: expect.stringMatching(/^tls: .*certificate file with its key file/) },
    ],
    [
      'tls: on a plain TCP target',
      `connect: tcp://localhost:1\ntls: { verify: off }\n${steps}`,
      { line: 2, column: 1, message: 'tls: it needs a tls:// target, not tcp://localhost:1' },
    ],
    [
      'tls: beside session:',
      `session: { kind: tcp-client, host: localhost, port: 1 }\ntls: { verify: off }\n${steps}`,
      { line: 2, column: 1, message: expect.stringContaining('inside session:') },
    ],
    [
      'tls: beside a profile',
      `profile: lab\ntls: { verify: off }\n${steps}`,
      { line: 2, column: 1, message: 'tls: a profile keeps its own TLS settings' },
    ],
    [
      'verify on a listening target',
      `listen: tls://127.0.0.1:0\ntls:\n  cert: s.pem\n  key: s.key\n  verify: off\n${steps}`,
      { line: 5, column: 3, message: expect.stringContaining('verify is for a connecting target') },
    ],
    [
      'tls: on a peer of a plain TCP listener',
      `sequences:
  - name: server
    listen: tcp://127.0.0.1:0
    ${steps.replaceAll('\n', '\n    ')}
  - name: client
    peer: server
    tls: { verify: off }
    ${steps.replaceAll('\n', '\n    ')}`,
      { line: 9, column: 5, message: "tls: the sequence 'server' does not listen with TLS" },
    ],
  ])('refuses %s, naming its line and column', (_what, text, expected) => {
    expect(problems(text)).toEqual([expect.objectContaining(expected)])
  })
})

describe('Record as sequence with TLS', () => {
  it('a TLS client records as a tls:// target with its tls: map, which reads back as the same options', () => {
    const options = openSessionRequestSchema.parse({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port: 4433,
      tls: { verify: 'chain', caFiles: ['/certs/ca.pem'], servername: 'device.local', alpn: ['h2'] },
    })
    const draft = recordSequence({ options, events: [] })
    expect(draft).toContain('connect: tls://127.0.0.1:4433')
    const [sequence] = parsed(draft)
    const request = sequence!.target.type === 'session' ? sequence!.target.request : undefined
    expect(openSessionRequestSchema.parse(request)).toEqual(options)
  })

  it('a TLS server records as a listening tls:// target with its own certificate', () => {
    const options = openSessionRequestSchema.parse({
      kind: 'tcp-server',
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: '/certs/server.pem', keyFile: '/certs/server.key' },
    })
    const [sequence] = parsed(recordSequence({ options, events: [] }))
    expect(sequence!.target).toMatchObject({
      request: { kind: 'tcp-server', tls: { certFile: '/certs/server.pem', keyFile: '/certs/server.key' } },
    })
  })
})
