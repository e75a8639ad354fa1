import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { freeTcpPort, ncatTcpEchoServer, socatTcpEchoServer } from '../helpers/peers'
import { pythonLineServer, pythonModbusServer } from '../helpers/protocol-peers'
import { needs } from '../helpers/system-tools'
import { runCliToEnd, stopAllCli, type JsonLine } from './cli-process'

// `socket-workbench test FILE`: sequence files against servers we did not write (ncat, socat, python3), the
// exit statuses of the contract, and the JUnit file read back by an XML parser (python3's, and xmllint when
// installed).

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-test-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

afterEach(async () => {
  await stopAllCli()
})

async function sequenceFile(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

interface JunitCase {
  classname: string
  name: string
  outcome: 'passed' | 'failure' | 'error' | 'skipped'
  message?: string
  text?: string
}

interface JunitSuite {
  name: string
  counts: Record<'tests' | 'failures' | 'errors' | 'skipped', number>
  cases: JunitCase[]
}

/** python3's xml.etree reads the file: a JUnit file it cannot parse fails here. */
const READ_JUNIT = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
suites = []
for suite in root.findall('testsuite'):
    cases = []
    for case in suite.findall('testcase'):
        entry = {'classname': case.get('classname'), 'name': case.get('name'), 'outcome': 'passed'}
        for tag in ('failure', 'error', 'skipped'):
            found = case.find(tag)
            if found is not None:
                entry['outcome'] = tag
                if found.get('message') is not None:
                    entry['message'] = found.get('message')
                    entry['text'] = found.text or ''
        cases.append(entry)
    counts = {key: int(suite.get(key)) for key in ('tests', 'failures', 'errors', 'skipped')}
    suites.append({'name': suite.get('name'), 'counts': counts, 'cases': cases})
print(json.dumps(suites))
`

function readJunit(path: string): JunitSuite[] {
  const result = spawnSync('python3', ['-c', READ_JUNIT, path], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`python3 could not read ${path}: ${result.stderr}`)
  const suites = JSON.parse(result.stdout) as JunitSuite[]
  // The counts the file states are the counts of what it holds.
  for (const suite of suites) {
    const count = (outcome: JunitCase['outcome']) =>
      suite.cases.filter((test) => test.outcome === outcome).length
    expect(suite.counts).toEqual({
      tests: suite.cases.length,
      failures: count('failure'),
      errors: count('error'),
      skipped: count('skipped'),
    })
  }
  return suites
}

/** xmllint checks well-formedness too when it is installed; without it this check is left out, saying so. */
function xmllintAccepts(path: string): void {
  const result = spawnSync('xmllint', ['--noout', path], { encoding: 'utf8' })
  if (result.error !== undefined) {
    console.warn(
      'xmllint is not installed (apt install libxml2-utils): the JUnit file was checked by python3 only',
    )
    return
  }
  expect(result.status, result.stderr).toBe(0)
}

const echoSteps = `
    steps:
      - send: "hello\\n"
      - expect: "hello\\n"
      - repeat:
          count: 3
          steps:
            - send_hex: "00 ff {{counter}}0"
            - expect: { hex: "00 ff ??" }
      - send: "line one\\nline two\\n"
      - expect: { contains: "two\\n" }
      - half_close: true
      - expect: { closed: true }
`

describe('socket-workbench test', () => {
  needs('ncat', 'socat', 'python3').it(
    'runs sequences against ncat and socat echo servers: exit 0, and a JUnit file with one testcase per step',
    async () => {
      const ncat = await ncatTcpEchoServer('127.0.0.1')
      const socat = await socatTcpEchoServer('127.0.0.1')
      try {
        const file = await sequenceFile(
          'echo.yaml',
          `sequences:
  - name: ncat echo
    connect: tcp://127.0.0.1:${ncat.port}${echoSteps}
  - name: socat echo
    connect: tcp://127.0.0.1:${socat.port}${echoSteps}`,
        )
        const junit = join(dir, 'echo.xml')
        const { code, stdout } = await runCliToEnd(['test', file, '--junit', junit])
        expect(code, stdout.toString()).toBe(0)
        expect(stdout.toString()).toMatch(
          /PASS ncat echo[\s\S]*PASS socat echo[\s\S]*2 passed, 0 failed, 0 errors/,
        )
        const [suite] = readJunit(junit)
        expect(suite!.name).toBe(file)
        // Per sequence: the opening step, the 7 written steps, and the repeat body (2 steps) 3 times.
        expect(suite!.counts).toEqual({ tests: 28, failures: 0, errors: 0, skipped: 0 })
        expect(suite!.cases.map((test) => test.classname)).toContain('socat echo')
        xmllintAccepts(junit)
      } finally {
        await ncat.peer.stop()
        await socat.peer.stop()
      }
    },
  )

  needs('python3').it(
    'talks to a python3 line server with a banner and a Modbus/TCP-shaped server',
    async () => {
      const lines = await pythonLineServer()
      const modbus = await pythonModbusServer()
      try {
        const file = await sequenceFile(
          'protocols.yaml',
          `sequences:
  - name: banner
    connect: tcp://127.0.0.1:${lines.port}
    framing: delimiter:\\r\\n
    steps:
      - expect: { regex: '^(?<code>\\d{3}) ready$' }
      - send: "HELO {{code}}\\r\\n"
      - expect: ECHO HELO 220
      - send: "QUIT\\r\\n"
      - expect: 221 bye
      - expect: { closed: true }
  - name: modbus read holding registers
    connect: tcp://127.0.0.1:${modbus.port}
    framing: length:u16be:4
    variables: { unit: "11" }
    steps:
      - repeat:
          count: 5
          steps:
            - send_hex: "00 0{{counter}} 00 00 00 06 {{unit}} 03 00 10 00 03"
            - expect: { hex: "00 0{{counter}} 00 00 00 09 {{unit}} 03 06 00 10 00 11 00 12" }
      - send_hex: "00 09 00 00 00 02 11 07"
      - expect: { hex: "?? ?? 00 00 00 03 11 87 01" }
`,
        )
        const { code, stdout } = await runCliToEnd(['test', file, '--json'])
        const records = stdout
          .toString()
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as JsonLine)
        expect(code, stdout.toString()).toBe(0)
        expect(records.map((record) => [record.type, record.name, record.status])).toEqual([
          ['sequence', 'banner', 'passed'],
          ['sequence', 'modbus read holding registers', 'passed'],
          ['summary', undefined, undefined],
        ])
      } finally {
        await lines.stop()
        await modbus.stop()
      }
    },
  )

  needs('socat', 'python3').it(
    'a wrong expectation exits 1 with expected vs actual in text and hex, its line, and a JUnit failure',
    async () => {
      const socat = await socatTcpEchoServer('127.0.0.1')
      try {
        const file = await sequenceFile(
          'wrong.yaml',
          `name: wrong answer
connect: tcp://127.0.0.1:${socat.port}
steps:
  - send: "status: ok\\r\\n"
  - expect: "status: OK\\r\\n"
  - send: never sent
`,
        )
        const junit = join(dir, 'wrong.xml')
        const { code, stdout } = await runCliToEnd(['test', file, '--junit', junit])
        const report = stdout.toString()
        expect(code, report).toBe(1)
        expect(report).toContain('FAIL 2 expect equals "status: OK\\r\\n" (line 5,')
        expect(report).toContain('expected: status: OK\\r\\n')
        expect(report).toContain('actual:   status: ok\\r\\n')
        // The caret sits under the first differing byte: offset 8 in both the text and the hex line.
        expect(report).toContain(`${' '.repeat(18)}^ first difference at byte 8`)
        expect(report).toContain('expected hex: 73 74 61 74 75 73 3a 20 4f 4b 0d 0a')
        expect(report).toContain('actual hex:   73 74 61 74 75 73 3a 20 6f 6b 0d 0a')
        expect(report).toContain(`${' '.repeat(14 + 8 * 3)}^^`)
        expect(report).toMatch(/skip 3 send "never sent"/)
        expect(report).toMatch(/traffic:\n.*sent +status: ok\\r\\n\n.*received +status: ok\\r\\n/)
        const [suite] = readJunit(junit)
        expect(suite!.counts).toEqual({ tests: 4, failures: 1, errors: 0, skipped: 1 })
        const failure = suite!.cases.find((test) => test.outcome === 'failure')!
        expect(failure.name).toBe('2 expect equals "status: OK\\r\\n" (line 5)')
        expect(failure.message).toBe('expected "status: OK\\r\\n", received different bytes')
        expect(failure.text).toContain('actual hex:   73 74 61 74 75 73 3a 20 6f 6b 0d 0a')
        xmllintAccepts(junit)

        // Per sequence: one testcase, its failure naming the step.
        const perSequence = join(dir, 'wrong-per-sequence.xml')
        await runCliToEnd(['test', file, '--junit', perSequence, '--junit-per-sequence'])
        const [bySequence] = readJunit(perSequence)
        expect(bySequence!.cases).toMatchObject([{ name: 'wrong answer', outcome: 'failure' }])
        expect(bySequence!.cases[0]!.message).toMatch(/^step 2 expect equals/)
      } finally {
        await socat.peer.stop()
      }
    },
  )

  it('an invalid file exits 2 naming FILE:LINE:COLUMN, and opens nothing', async () => {
    const file = await sequenceFile(
      'invalid.yaml',
      `connect: tcp://127.0.0.1:9
steps:
  - send: hello
  - expect: { regex: "(" }
`,
    )
    const { code, stderr, stdout } = await runCliToEnd(['test', file])
    expect(code).toBe(2)
    expect(stderr).toBe(
      `socket-workbench: ERR_SEQUENCE: ${file}:4:22: invalid regex: Invalid regular expression: /(/: Unterminated group\n`,
    )
    expect(stdout.toString()).toBe('')
  })

  it('a missing file and bad options are usage errors (exit 2)', async () => {
    expect((await runCliToEnd(['test', join(dir, 'nope.yaml')])).code).toBe(2)
    expect((await runCliToEnd(['test'])).code).toBe(2)
    expect((await runCliToEnd(['test', 'x.yaml', '--junit-per-step', '--junit-per-sequence'])).code).toBe(2)
  })

  it('an unreachable server exits 3 with ECONNREFUSED on stderr and a JUnit error', async () => {
    const port = await freeTcpPort('127.0.0.1')
    const file = await sequenceFile(
      'refused.yaml',
      `name: nobody home\nconnect: tcp://127.0.0.1:${port}\nsteps: [ { send: x } ]\n`,
    )
    const junit = join(dir, 'refused.xml')
    const { code, stderr } = await runCliToEnd(['test', file, '--junit', junit])
    expect(code).toBe(3)
    expect(stderr).toMatch(
      /^socket-workbench: ECONNREFUSED: .*nobody home: connection to 127\.0\.0\.1:\d+ was refused/,
    )
    if (spawnSync('python3', ['--version']).error === undefined) {
      expect(readJunit(junit)[0]!.cases.map((test) => test.outcome)).toEqual(['error', 'skipped'])
    }
  })

  it('a profile the data folder does not hold is our refusal (exit 1, ERR_SEQUENCE), not a network error', async () => {
    const file = await sequenceFile('profile.yaml', 'profile: Nobody\nsteps: [ { send: x } ]\n')
    const { code, stderr } = await runCliToEnd(['test', file, '--data-dir', dir])
    expect(code).toBe(1)
    expect(stderr).toMatch(/^socket-workbench: ERR_SEQUENCE: .*: no profile named "Nobody"/)
  })

  it('a server and a client in one file talk to each other', async () => {
    const file = await sequenceFile(
      'pair.yaml',
      `sequences:
  - name: server
    listen: tcp://127.0.0.1:0
    steps:
      - accept: true
      - expect: "ping"
      - send: "pong"
      - expect: { closed: true }
  - name: client
    peer: server
    steps:
      - send: "ping"
      - expect: "pong"
      - close: true
`,
    )
    const { code, stdout } = await runCliToEnd(['test', file, '--quiet'])
    expect(code, stdout.toString()).toBe(0)
    expect(stdout.toString()).toMatch(/^.*pair\.yaml\n2 passed, 0 failed, 0 errors/)
  })

  it('the self-contained examples in docs/sequences pass (a TCP server and client, UDP)', async () => {
    const examples = join(import.meta.dirname, '../../docs/sequences')
    const { code, stdout } = await runCliToEnd([
      'test',
      join(examples, 'server-and-client.yaml'),
      join(examples, 'udp.yaml'),
    ])
    expect(code, stdout.toString()).toBe(0)
    expect(stdout.toString()).toMatch(/4 passed, 0 failed, 0 errors/)
  })

  it('an expect with a 200 ms timeout fails within 200-400 ms; an early answer does not wait for its timeout', async () => {
    const file = await sequenceFile(
      'timing.yaml',
      `sequences:
  - name: server
    listen: tcp://127.0.0.1:0
    steps:
      - accept: true
      - send: "early"
      - expect: { closed: true, timeout: 10000 }
  - name: client
    peer: server
    steps:
      - expect: { equals: early, timeout: 10000 }
      - expect: { equals: late, timeout: 200 }
`,
    )
    const { code, stdout } = await runCliToEnd(['test', file, '--json'])
    expect(code).toBe(1)
    const client = stdout
      .toString()
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { name?: string; steps?: Array<{ status: string; durationMs: number }> },
      )
      .find((record) => record.name === 'client')!
    const [, early, late] = client.steps!
    expect(early!.status).toBe('passed')
    expect(early!.durationMs).toBeLessThan(10_000)
    expect(late!.status).toBe('failed')
    expect(late!.durationMs).toBeGreaterThanOrEqual(199)
    expect(late!.durationMs).toBeLessThan(400)
  })
})
