import { describe, expect, it } from 'vitest'
import { OwnErrorCode } from '../../../electron/shared'
import { parseSequenceFile, type Sequence, type Step } from '../../../electron/shared/sequences'

// Reading a sequence file: the contract's format becomes steps that keep their line; every problem names
// its line and column, with our own code.

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

const stepLines = (steps: readonly Step[]): Array<[string, number]> =>
  steps.flatMap((step) => [
    [step.kind, step.line] as [string, number],
    ...(step.kind === 'repeat' ? stepLines(step.steps) : []),
  ])

describe('parseSequenceFile', () => {
  it('reads one sequence: target, defaults, and every step with its line', () => {
    const [sequence] = parsed(`name: echo
connect: tcp://127.0.0.1:7
steps:
  - send: "hello\\n"
  - expect: "hello\\n"
  - expect: { regex: 'OK (\\d+)', timeout: 300 }
  - repeat:
      count: 2
      steps:
        - send_hex: de ad
        - expect: { hex: "de ??" }
  - wait: 10
  - half_close: true
  - expect: { closed: true }
`)
    expect(sequence!.name).toBe('echo')
    expect(sequence!.target).toEqual({
      type: 'session',
      request: { kind: 'tcp-client', host: '127.0.0.1', port: 7 },
      role: 'client',
    })
    expect(sequence!.timeoutMs).toBe(2000)
    expect(stepLines(sequence!.steps)).toEqual([
      ['send', 4],
      ['expect', 5],
      ['expect', 6],
      ['repeat', 7],
      ['send', 10],
      ['expect', 11],
      ['wait', 12],
      ['half_close', 13],
      ['expect', 14],
    ])
    const regex = sequence!.steps[2]!
    expect(regex.kind === 'expect' && regex.timeoutMs).toBe(300)
    expect(regex.kind === 'expect' && regex.expectation).toEqual({
      kind: 'regex',
      value: 'OK (\\d+)',
      options: {},
    })
  })

  it('reads several sequences: listen targets with framing, UDP, a peer, a profile, the app request', () => {
    const sequences = parsed(`sequences:
  - name: server
    listen: tcp://[::1]:0
    framing: length:u16be
    timeout: 500
    total_timeout: 3000
    steps: [ { accept: true }, { expect: { frame: true } } ]
  - name: client
    peer: server
    steps: [ { send_base64: AAFh } ]
  - name: saved
    profile: My device
    steps: [ { send: x } ]
  - name: datagrams
    session: { kind: udp, host: 127.0.0.1, port: 0, remoteHost: 127.0.0.1, remotePort: 9 }
    variables: { id: 7, name: bob }
    steps: [ { send: "{{id}}" } ]
  - name: udp-url
    connect: udp://127.0.0.1:5000
    steps: [ { expect: { frame: true } } ]
`)
    expect(sequences.map((sequence) => sequence.name)).toEqual([
      'server',
      'client',
      'saved',
      'datagrams',
      'udp-url',
    ])
    expect(sequences[0]!.target).toMatchObject({
      type: 'session',
      role: 'server',
      request: { kind: 'tcp-server', host: '::1', port: 0, framing: { mode: 'length', field: 'u16be' } },
    })
    expect(sequences[0]!.totalTimeoutMs).toBe(3000)
    expect(sequences[1]!.target).toEqual({ type: 'peer', sequence: 'server' })
    expect(sequences[2]!.target).toEqual({ type: 'profile', name: 'My device' })
    expect(sequences[3]!.target).toMatchObject({ type: 'session', role: 'client', request: { kind: 'udp' } })
    expect(sequences[3]!.variables).toEqual({ id: '7', name: 'bob' })
    expect(sequences[4]!.target).toMatchObject({ role: 'client', request: { kind: 'udp', remotePort: 5000 } })
  })

  it.each([
    ['YAML syntax', 'connect: tcp://a:1\nsteps: [\n', 3, 1, /indented|\]/],
    [
      'an unknown step',
      'connect: tcp://a:1\nsteps:\n  - sned: x\n',
      3,
      5,
      /unknown key 'sned'; write one of connect, .*send/,
    ],
    [
      'two kinds in one step',
      'connect: tcp://a:1\nsteps:\n  - send: a\n    expect: b\n',
      4,
      5,
      /'send' and 'expect' cannot share/,
    ],
    ['a wrong value type', 'connect: tcp://a:1\nsteps:\n  - send: 1\n', 3, 11, /'send': expected string/],
    [
      'an unknown expectation key',
      'connect: tcp://a:1\nsteps:\n  - expect: { bogus: 1 }\n',
      3,
      15,
      /unknown key 'bogus'; write one of equals, contains/,
    ],
    [
      'a wrong expectation value',
      'connect: tcp://a:1\nsteps:\n  - expect: { bytes: x }\n',
      3,
      22,
      /'bytes': expected number/,
    ],
    ['a bad regex', "connect: tcp://a:1\nsteps:\n  - expect: { regex: '(' }\n", 3, 22, /invalid regex/],
    [
      'a bad hex pattern',
      'connect: tcp://a:1\nsteps:\n  - expect: { hex: "de zz" }\n',
      3,
      20,
      /'zz' is neither a hex byte/,
    ],
    ['bad send text', 'connect: tcp://a:1\nsteps:\n  - expect: "a\\\\q"\n', 3, 13, /unknown escape/],
    [
      'a frame on a TCP stream',
      'connect: tcp://a:1\nsteps:\n  - expect: { frame: true }\n',
      3,
      5,
      /has no frames/,
    ],
    [
      'an unknown sequence key',
      'connect: tcp://a:1\nretries: 2\nsteps: [ { send: a } ]\n',
      2,
      1,
      /unknown key 'retries'/,
    ],
    ['no target', 'steps:\n  - send: a\n', 1, 1, /needs one target/],
    [
      'two targets',
      'connect: tcp://a:1\nlisten: tcp://a:1\nsteps: [ { send: a } ]\n',
      2,
      1,
      /one target, found connect and listen/,
    ],
    ['a port out of range', 'connect: tcp://a:70000\nsteps: [ { send: a } ]\n', 1, 10, /port/],
    [
      'an unknown scheme',
      'connect: ftp://a:21\nsteps: [ { send: a } ]\n',
      1,
      10,
      /'ftp:\/\/' cannot connect/,
    ],
    [
      'a bad framing spec',
      'connect: tcp://a:1\nframing: sometimes\nsteps: [ { send: a } ]\n',
      2,
      10,
      /unknown mode/,
    ],
    ['accept on a client', 'connect: tcp://a:1\nsteps:\n  - accept: true\n', 3, 5, /only a listening target/],
    ['half-close on UDP', 'connect: udp://a:1\nsteps:\n  - half_close: true\n', 3, 5, /UDP has no FIN/],
    [
      'a nested problem',
      'connect: tcp://a:1\nsteps:\n  - repeat: { count: 2, steps: [ { wait: -1 } ] }\n',
      3,
      42,
      /'wait'/,
    ],
    [
      'a zero timeout',
      'connect: tcp://a:1\nsteps:\n  - expect: { equals: a, timeout: 0 }\n',
      3,
      35,
      /'timeout'/,
    ],
    ['a duplicate key', 'connect: tcp://a:1\nconnect: tcp://a:2\nsteps: [ { send: a } ]\n', 2, 1, /unique/i],
  ])('refuses %s with its line and column', (_what, text, line, column, message) => {
    const [first] = problems(text)
    expect(first).toMatchObject({ line, column })
    expect(first!.message).toMatch(message)
  })

  it('refuses a peer that names no listening sequence before it, and duplicate names', () => {
    expect(
      problems(`sequences:
  - name: a
    connect: tcp://h:1
    steps: [ { send: x } ]
  - name: a
    peer: a
    steps: [ { send: x } ]
`),
    ).toEqual([
      { line: 5, column: 5, message: "a sequence named 'a' is already on line 2" },
      { line: 6, column: 11, message: "peer: no listening sequence named 'a' before this one" },
    ])
  })

  it('refuses a file too large to be a test before parsing it', () => {
    expect(problems('#'.repeat(4 * 1024 * 1024 + 1))[0]!.message).toMatch(/larger than/)
  })
})
