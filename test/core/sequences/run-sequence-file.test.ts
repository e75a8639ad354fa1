import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runSequenceFile } from '../../../electron/core/sequences'
import { createWorkbench, type Workbench } from '../../../electron/core/workbench'
import { parseSequenceFile, stepKeys, stepTypes, type FileResult } from '../../../electron/shared/sequences'
import { stepRunners } from '../../../electron/core/sequences/step-runners'
import { ProfileStore } from '../../../electron/core/profiles'
import { OwnErrorCode } from '../../../electron/shared'
import { profileSchema } from '../../../electron/shared/profiles'
import { pythonLineServer, pythonModbusServer, type PythonServer } from '../../helpers/protocol-peers'
import { needs } from '../../helpers/system-tools'

// Sequences on the real engine against servers we did not write (python3, plain Node sockets).

let dataDir: string
let workbench: Workbench
let echo: Server
let echoPort: number

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sequences-'))
  echo = createServer((socket) => socket.pipe(socket))
  echo.listen(0, '127.0.0.1')
  await once(echo, 'listening')
  echoPort = (echo.address() as { port: number }).port
})

afterAll(async () => {
  echo.close()
  await rm(dataDir, { recursive: true, force: true })
})

afterEach(async () => {
  await workbench?.dispose()
})

async function run(text: string, options: { maxStepResults?: number } = {}): Promise<FileResult> {
  const parsed = parseSequenceFile(text)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  workbench = createWorkbench({ dataDir })
  return runSequenceFile(parsed.file, join(dataDir, 'test.yaml'), workbench, options)
}

const summary = (result: FileResult) =>
  result.sequences.map((sequence) => [
    sequence.name,
    sequence.status,
    sequence.steps.map((step) => `${step.id}:${step.status}`),
  ])

describe('runSequenceFile', () => {
  needs('python3').it(
    'talks to a python3 line server with a banner, with a regex capture used in a later send',
    async () => {
      const server: PythonServer = await pythonLineServer()
      try {
        const result = await run(`name: banner
connect: tcp://127.0.0.1:${server.port}
steps:
  - expect: { regex: '^(\\d+) ready\\r\\n' }
  - send: "HELO {{1}}\\r\\n"
  - expect: "ECHO HELO 220\\r\\n"
  - send: "QUIT\\r\\n"
  - expect: { contains: "221" }
  - expect: { closed: true }
`)
        expect(summary(result)).toEqual([
          [
            'banner',
            'passed',
            ['0:passed', '1:passed', '2:passed', '3:passed', '4:passed', '5:passed', '6:passed'],
          ],
        ])
        expect(result.sequences[0]!.traffic).toBeUndefined()
      } finally {
        await server.stop()
      }
    },
  )

  needs('python3').it('reads Modbus/TCP replies as length-prefixed frames, with a ?? wildcard', async () => {
    const server = await pythonModbusServer()
    try {
      const result = await run(`name: modbus
connect: tcp://127.0.0.1:${server.port}
framing: length:u16be:4
steps:
  - send_hex: 00 01 00 00 00 06 11 03 00 0a 00 02
  - expect: { hex: "00 01 00 00 00 07 11 03 04 00 0a 00 0b" }
  - send_hex: 00 02 00 00 00 02 11 2b
  - expect: { hex: "00 02 00 00 00 03 11 ab ??" }
`)
      expect(result.sequences[0]!.status).toBe('passed')
    } finally {
      await server.stop()
    }
  })

  it('a wrong expectation fails with expected and actual bytes, the first difference, skips the rest and keeps the traffic', async () => {
    const result = await run(`name: wrong
connect: tcp://127.0.0.1:${echoPort}
steps:
  - send: "hello"
  - expect: "help!"
  - send: never
`)
    const [sequence] = result.sequences
    expect(summary(result)).toEqual([['wrong', 'failed', ['0:passed', '1:passed', '2:failed', '3:skipped']]])
    const failed = sequence!.steps[2]!
    expect(failed.line).toBe(5)
    expect(failed.failure).toMatchObject({
      expected: { text: 'help!', hex: '68 65 6c 70 21' },
      actual: { text: 'hello', hex: '68 65 6c 6c 6f' },
      firstDifference: 3,
    })
    expect(sequence!.traffic!.map((entry) => [entry.direction, entry.text])).toEqual([
      ['sent', 'hello'],
      ['received', 'hello'],
    ])
  })

  it('a server and a client in one file talk to each other (peer:), with framing and accept', async () => {
    const result = await run(`sequences:
  - name: server
    listen: tcp://127.0.0.1:0
    framing: delimiter:\\n
    steps:
      - accept: true
      - expect: ping
      - send: "pong\\n"
      - expect: { closed: true }
  - name: client
    peer: server
    framing: delimiter:\\n
    steps:
      - repeat:
          count: 1
          steps:
            - send: "ping\\n"
            - expect: pong
      - close: true
`)
    expect(result.sequences.map((sequence) => sequence.status)).toEqual(['passed', 'passed'])
  })

  it('a refused connection is an error of the sequence, not a step failure, with the system code', async () => {
    const closed = createServer()
    closed.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await run(`connect: tcp://127.0.0.1:${port}\nsteps: [ { send: x } ]\n`)
    expect(result.sequences[0]).toMatchObject({ status: 'error', error: { code: 'ECONNREFUSED' } })
    expect(summary(result)[0]![2]).toEqual(['0:failed', '1:skipped'])
  })

  it('an expect with a 200 ms timeout fails after its timeout, not before; data that is there already passes at once', async () => {
    const result = await run(`connect: tcp://127.0.0.1:${echoPort}
steps:
  - send: early
  - expect: { equals: early, timeout: 5000 }
  - expect: { equals: never, timeout: 200 }
`)
    const [, , early, late] = result.sequences[0]!.steps
    expect(early!.status).toBe('passed')
    // Bounds of behaviour, not speed: an early answer cannot have waited for the 5 s timeout.
    expect(early!.durationMs).toBeLessThan(5000)
    expect(late!.status).toBe('failed')
    expect(late!.durationMs).toBeGreaterThanOrEqual(199)
    expect(late!.failure!.message).toBe('expected "never" within 200 ms, received 0 byte(s)')
  })

  it("the sequence's total_timeout cuts a long wait short and says so", async () => {
    const result = await run(`connect: tcp://127.0.0.1:${echoPort}
total_timeout: 150
steps:
  - wait: 5000
`)
    expect(result.sequences[0]!.steps[1]).toMatchObject({
      status: 'failed',
      failure: { message: /total_timeout of 150 ms/ },
    })
  })

  it('{{counter}} is the round of the innermost repeat, and an outer round comes back after an inner repeat', async () => {
    const result = await run(`sequences:
  - name: server
    listen: tcp://127.0.0.1:0
    steps:
      - accept: true
      - expect: "i1i2o1;i1i2o2;"
  - name: client
    peer: server
    steps:
      - repeat:
          count: 2
          steps:
            - repeat: { count: 2, steps: [ { send: "i{{counter}}" } ] }
            - send: "o{{counter}};"
`)
    expect(result.sequences.map((sequence) => sequence.status)).toEqual(['passed', 'passed'])
  })

  it("a profile target opens the connection saved by the app, with the file's framing; an unknown one is an error", async () => {
    const store = new ProfileStore({ dataDir })
    const profile = profileSchema.parse({
      name: 'Echo box',
      connection: { kind: 'tcp-client', host: '127.0.0.1', port: echoPort },
    })
    await store.save({ profile, overwrite: true })
    const result = await run(`sequences:
  - name: saved
    profile: Echo box
    framing: delimiter:\\n
    steps:
      - send: "one\\ntwo\\n"
      - expect: one
      - expect: two
  - name: missing
    profile: Nobody
    steps: [ { send: x } ]
`)
    expect(result.sequences[0]!.status).toBe('passed')
    expect(result.sequences[1]).toMatchObject({
      status: 'error',
      error: { code: OwnErrorCode.invalidSequence, message: 'no profile named "Nobody"' },
    })
  })

  it('past the bound on listed results, steps are counted instead, and a failed step is still listed', async () => {
    const result = await run(
      `connect: tcp://127.0.0.1:${echoPort}
steps:
  - repeat: { count: 5, steps: [ { send: "r{{counter}}" }, { expect: "r{{counter}}" } ] }
  - send: x
  - expect: { equals: y, timeout: 100 }
  - send: never
`,
      { maxStepResults: 4 },
    )
    const [sequence] = result.sequences
    expect(sequence!.steps.map((step) => `${step.id}:${step.status}`)).toEqual([
      '0:passed',
      '1:passed',
      '1.1#1:passed',
      '1.2#1:passed',
      '3:failed',
    ])
    // 8 more body steps, the send, and the skipped last step.
    expect(sequence!.unlistedSteps).toBe(10)
  })

  it('send_file sends a file relative to the sequence file', async () => {
    await writeFile(join(dataDir, 'payload.bin'), Uint8Array.of(1, 2, 3))
    const result = await run(`connect: tcp://127.0.0.1:${echoPort}
steps:
  - send_file: payload.bin
  - expect: { hex: '010203' }
`)
    expect(result.sequences[0]!.status).toBe('passed')
  })
})

describe('the step registries', () => {
  it('every step key of the shared registry builds a step the runner has an entry for', () => {
    const nested = () => []
    for (const key of stepKeys) {
      const samples: Record<string, unknown> = { repeat: { count: 1, steps: [] }, expect: 'x', wait: 1 }
      const built = stepTypes[key]!.build({ [key]: samples[key] ?? true }, { template: false, nested })
      expect(Object.keys(stepRunners), key).toContain(built.kind)
    }
  })
})
