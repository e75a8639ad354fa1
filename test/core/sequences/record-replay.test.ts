import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSequenceFile } from '../../../electron/core/sequences'
import { createWorkbench } from '../../../electron/core/workbench'
import { eachSessionEvent, type OpenSessionRequest, type SessionEvent } from '../../../electron/shared'
import { parseSequenceFile, recordSequence } from '../../../electron/shared/sequences'
import { within } from '../../helpers/peers'
import { pythonLineServer, type PythonServer } from '../../helpers/protocol-peers'
import { needs } from '../../helpers/system-tools'

// Property: a sequence recorded from a session, replayed against the same peer, passes. The session is driven
// on the real engine (as the app drives it); the peers are a plain Node echo server and a python3 line server.

let dataDir: string
let echo: Server
let echoPort: number

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'record-'))
  echo = createServer((socket) => socket.pipe(socket))
  echo.listen(0, '127.0.0.1')
  await once(echo, 'listening')
  echoPort = (echo.address() as { port: number }).port
})

afterAll(async () => {
  echo.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Opens a session, sends each message once the previous answer (`answerLength` bytes) is in, and records. */
async function recordSession(
  request: OpenSessionRequest,
  messages: readonly Uint8Array[],
  answerLength: (message: Uint8Array) => number,
  greetingLength = 0,
): Promise<string> {
  const workbench = createWorkbench({ dataDir })
  const events: SessionEvent[] = []
  let received = 0
  const arrivals = new Set<() => void>()
  workbench.engine.subscribe(
    eachSessionEvent((event) => {
      events.push(event)
      if (event.type !== 'received') return
      received += event.byteLength
      for (const arrival of [...arrivals]) arrival()
    }),
  )
  const receivedAtLeast = (count: number) =>
    within(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (received < count) return
          arrivals.delete(check)
          resolve()
        }
        arrivals.add(check)
        check()
      }),
      `${count} bytes of answers`,
    )
  try {
    const opened = await workbench.handlers.openSession(request)
    if (!opened.ok) throw new Error(opened.error.message)
    let expected = greetingLength
    await receivedAtLeast(expected)
    for (const data of messages) {
      const sent = await workbench.handlers.send({ sessionId: opened.value.id, data })
      if (!sent.ok) throw new Error(sent.error.message)
      expected += answerLength(data)
      await receivedAtLeast(expected)
    }
    return recordSequence({ options: opened.value.options, events })
  } finally {
    await workbench.dispose()
  }
}

async function replay(yamlText: string): Promise<string[]> {
  const parsed = parseSequenceFile(yamlText)
  if (!parsed.ok) throw new Error(`the draft does not parse: ${JSON.stringify(parsed.problems)}\n${yamlText}`)
  const workbench = createWorkbench({ dataDir })
  try {
    const result = await runSequenceFile(parsed.file, join(dataDir, 'draft.yaml'), workbench)
    return result.sequences.flatMap((sequence) =>
      sequence.steps
        .filter((step) => step.status !== 'passed')
        .map((step) => `${step.label}: ${step.failure?.message}`),
    )
  } finally {
    await workbench.dispose()
  }
}

const anyBytes = fc.uint8Array({ minLength: 1, maxLength: 64 })
const lines = fc.stringMatching(/^[ -~]{0,40}$/).map((text) => new TextEncoder().encode(`${text}\r\n`))

describe('record as sequence, then replay', () => {
  it('any bytes sent to an echo server: the replay of the recording passes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyBytes, { minLength: 1, maxLength: 6 }), async (messages) => {
        const draft = await recordSession(
          { kind: 'tcp-client', host: '127.0.0.1', port: echoPort },
          messages,
          (m) => m.length,
        )
        expect(await replay(draft)).toEqual([])
      }),
      { numRuns: 12 },
    )
  })

  needs('python3').it(
    'lines sent to a python3 line server with a banner, framed by CRLF: the replay passes',
    async () => {
      const server: PythonServer = await pythonLineServer()
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(lines, { minLength: 1, maxLength: 5 }), async (messages) => {
            const draft = await recordSession(
              {
                kind: 'tcp-client',
                host: '127.0.0.1',
                port: server.port,
                framing: { mode: 'delimiter', delimiter: '\\r\\n' },
              },
              messages,
              (m) => m.length + 'ECHO '.length,
              '220 ready\r\n'.length,
            )
            expect(draft).toMatch(/framing: .*delimiter/)
            expect(await replay(draft)).toEqual([])
          }),
          { numRuns: 6 },
        )
      } finally {
        await server.stop()
      }
    },
  )

  it('writes readable text as text, other bytes as hex, and a close by the peer as closed', () => {
    const text = (value: string) => new TextEncoder().encode(value)
    const base = { sessionId: 's1', time: 0 }
    const draft = recordSequence({
      options: {
        kind: 'tcp-client',
        host: '::1',
        port: 7,
        family: 'auto',
        connectTimeoutMs: 1000,
        noDelay: true,
        keepAlive: false,
        keepAliveInitialDelayMs: 0,
        halfOpen: false,
      },
      events: [
        { ...base, seq: 1, type: 'sent', byteLength: 3, data: text('hi\n') },
        { ...base, seq: 2, type: 'received', byteLength: 2, data: text('h') },
        { ...base, seq: 3, type: 'received', byteLength: 2, data: text('i\n') },
        { ...base, seq: 4, type: 'sent', byteLength: 2, data: Uint8Array.of(0, 255) },
        { ...base, seq: 5, type: 'close', scope: 'session', cause: 'peer' },
      ],
    })
    const parsed = parseSequenceFile(draft)
    expect(parsed.ok, draft).toBe(true)
    expect(draft).toContain('connect: tcp://[::1]:7')
    if (!parsed.ok) return
    expect(parsed.file.sequences[0]!.steps.map((step) => step.label)).toEqual([
      'send "hi\\\\n"',
      'expect equals "hi\\\\n"',
      'send_hex "00 ff"',
      'expect closed by peer',
    ])
  })
})
